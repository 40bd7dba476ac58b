package decode

import (
	"strings"
	"sync"

	"github.com/asticode/go-astiav"
)

// libav logs through one process-wide callback. We install ours once: it
// prints nothing and keeps the last warning and error lines with the context that
// logged them, so that an error about a file can quote what libav said
// about that file (its format or codec context) without mixing in lines
// from other files decoded at the same time.

const (
	logKeep  = 64 // lines kept
	logQuote = 3  // lines quoted in an error
)

type logLine struct {
	seq uint64
	c   astiav.Classer
	msg string
}

var avlog struct {
	once  sync.Once
	mu    sync.Mutex
	seq   uint64
	lines [logKeep]logLine
}

// probeWarning starts the warning avformat_find_stream_info logs when it
// ends without a pixel format. Probing skips decoding (see setup), so for
// H.264 that is expected: setup then takes the pixel format from the first
// decoded frame, or fails with its own error.
const probeWarning = "Could not find codec parameters"

// setupLog installs the collector, which keeps warnings and errors and
// prints nothing.
func setupLog() {
	avlog.once.Do(func() {
		astiav.SetLogLevel(astiav.LogLevelWarning)
		astiav.SetLogCallback(func(c astiav.Classer, l astiav.LogLevel, _, msg string) {
			if l > astiav.LogLevelWarning {
				return
			}
			msg = strings.Join(strings.Fields(msg), " ")
			if len(msg) < 3 || strings.HasPrefix(msg, probeWarning) {
				return
			}
			avlog.mu.Lock()
			avlog.seq++
			avlog.lines[avlog.seq%logKeep] = logLine{avlog.seq, c, msg}
			avlog.mu.Unlock()
		})
	})
}

// logMark returns the sequence number of the last collected line.
func logMark() uint64 {
	avlog.mu.Lock()
	defer avlog.mu.Unlock()
	return avlog.seq
}

// logSince returns the last logQuote distinct lines logged after mark by
// one of the given contexts, joined with "; ".
func logSince(mark uint64, cs ...astiav.Classer) string {
	avlog.mu.Lock()
	defer avlog.mu.Unlock()
	var out []string
	start := mark + 1
	if avlog.seq >= logKeep && start < avlog.seq-logKeep+1 {
		start = avlog.seq - logKeep + 1
	}
	for s := start; s <= avlog.seq; s++ {
		l := avlog.lines[s%logKeep]
		if l.seq != s || !belongs(l.c, cs) {
			continue
		}
		dup := false
		for _, o := range out {
			dup = dup || o == l.msg
		}
		if !dup {
			out = append(out, l.msg)
		}
	}
	if len(out) > logQuote {
		out = out[len(out)-logQuote:]
	}
	return strings.Join(out, "; ")
}

func belongs(c astiav.Classer, cs []astiav.Classer) bool {
	if c == nil {
		return false
	}
	for _, o := range cs {
		if o != nil && c == o {
			return true
		}
	}
	return false
}
