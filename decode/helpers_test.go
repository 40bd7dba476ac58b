package decode

import "github.com/asticode/go-astiav"

// pixFmtByName returns libav's pixel format of the given name, or -1.
func pixFmtByName(name string) astiav.PixelFormat { return astiav.FindPixelFormatByName(name) }
