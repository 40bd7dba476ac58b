package metrics

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/fr-metrics/fr-metrics/frame"
)

// Shape describes the pictures a scorer will be handed, fixed for a whole
// video: the size and channel count of what the metric sees (1 = gray,
// 3 = RGB), the data range of the samples, and the kind of the decoded
// source (a YUV video seen as its gray Y plane still has Source == YUV).
type Shape struct {
	W, H     int
	Channels int
	Peak     float64
	Source   frame.Kind
}

// Metric is one metric configured with its options.
type Metric interface {
	// Name is the registry name, e.g. "ms_ssim".
	Name() string
	// Outputs names the values the scorer writes per frame for pictures of
	// shape s, in the order it writes them.
	Outputs(s Shape) []string
	// NewScorer allocates a scorer and its scratch for pictures of shape s.
	// It returns an error (usually a *SizeError) if the metric cannot be
	// computed on that shape.
	NewScorer(s Shape) (Scorer, error)
}

// Scorer scores frame pairs of one shape. It is not safe for concurrent use.
type Scorer interface {
	// Score reads the pair from ws and writes one value per output into out.
	// A value may be NaN where the metric's definition gives NaN.
	Score(ws *Workspace, out []float64) error
}

// Option documents one option of a metric.
type Option struct {
	Key     string
	Default string
	Doc     string
}

// Descriptor is a metric family's entry in the registry.
type Descriptor struct {
	Name           string   // registry name, e.g. "ssim"
	Doc            string   // one-line description
	Outputs        []string // every output name it may write
	Range          string   // nominal range, e.g. "[0, 1]"
	HigherIsBetter bool
	Options        []Option
	// New configures the metric from opts, whose keys have been checked
	// against Options and whose missing keys hold the defaults.
	New func(opts map[string]string) (Metric, error)
}

// SizeError is returned by NewScorer when the pictures are smaller than a
// metric needs.
type SizeError struct {
	Metric string
	W, H   int
	MinW   int
	MinH   int
	Detail string // optional: what the minimum applies to ("after 2x pooling")
}

// Error names the metric, the input size and the minimum it needs.
func (e *SizeError) Error() string {
	msg := fmt.Sprintf("%s: input %dx%d is too small: the minimum is %dx%d", e.Metric, e.W, e.H, e.MinW, e.MinH)
	if e.Detail != "" {
		msg += " " + e.Detail
	}
	return msg
}

// ErrBadOption is wrapped by errors about metric options.
var ErrBadOption = errors.New("bad metric option")

// Registry is the explicit list of metric families compiled in.
type Registry struct {
	list   []*Descriptor
	byName map[string]*Descriptor
}

// NewRegistry returns a registry of the given descriptors. Names must be unique.
func NewRegistry(ds ...*Descriptor) *Registry {
	r := &Registry{byName: map[string]*Descriptor{}}
	for _, d := range ds {
		if _, dup := r.byName[d.Name]; dup {
			panic("metrics: duplicate metric " + d.Name)
		}
		r.list = append(r.list, d)
		r.byName[d.Name] = d
	}
	return r
}

// All returns the descriptors in registry order.
func (r *Registry) All() []*Descriptor { return r.list }

// Lookup returns the descriptor called name.
func (r *Registry) Lookup(name string) (*Descriptor, bool) {
	d, ok := r.byName[name]
	return d, ok
}

// Parse configures one metric from a spec "name" or
// "name:key=value[:key=value…]".
func (r *Registry) Parse(spec string) (Metric, error) {
	parts := strings.Split(strings.TrimSpace(spec), ":")
	d, ok := r.byName[parts[0]]
	if !ok {
		names := make([]string, 0, len(r.list))
		for _, d := range r.list {
			names = append(names, d.Name)
		}
		return nil, fmt.Errorf("%w: unknown metric %q (known: %s)", ErrBadOption, parts[0], strings.Join(names, ", "))
	}
	opts := map[string]string{}
	for _, o := range d.Options {
		opts[o.Key] = o.Default
	}
	for _, kv := range parts[1:] {
		k, v, found := strings.Cut(kv, "=")
		if !found {
			return nil, fmt.Errorf("%w: %s: option %q is not key=value", ErrBadOption, d.Name, kv)
		}
		if _, known := opts[k]; !known {
			keys := make([]string, 0, len(d.Options))
			for _, o := range d.Options {
				keys = append(keys, o.Key)
			}
			sort.Strings(keys)
			return nil, fmt.Errorf("%w: %s has no option %q (options: %s)", ErrBadOption, d.Name, k, strings.Join(keys, ", "))
		}
		opts[k] = v
	}
	m, err := d.New(opts)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadOption, d.Name, err)
	}
	return m, nil
}

// ParseList configures every metric of a comma-separated list. A comma
// inside one metric's options is not supported; give such a metric alone.
// Presets (see Presets) expand to their members.
func (r *Registry) ParseList(list string, presets map[string][]string) ([]Metric, error) {
	var specs []string
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if members, ok := presets[s]; ok {
			specs = append(specs, members...)
			continue
		}
		specs = append(specs, s)
	}
	if len(specs) == 0 {
		return nil, fmt.Errorf("%w: no metric selected", ErrBadOption)
	}
	ms := make([]Metric, 0, len(specs))
	seen := map[string]bool{}
	for _, s := range specs {
		m, err := r.Parse(s)
		if err != nil {
			return nil, err
		}
		if seen[m.Name()] {
			return nil, fmt.Errorf("%w: metric %s selected twice", ErrBadOption, m.Name())
		}
		seen[m.Name()] = true
		ms = append(ms, m)
	}
	return ms, nil
}

// BoolOption parses a boolean option value ("true", "false", "1", "0").
func BoolOption(opts map[string]string, key string) (bool, error) {
	switch strings.ToLower(opts[key]) {
	case "true", "1", "yes", "on":
		return true, nil
	case "false", "0", "no", "off":
		return false, nil
	}
	return false, fmt.Errorf("option %s=%q is not a boolean", key, opts[key])
}
