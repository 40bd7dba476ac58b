package evaluate

import (
	"math"
	"strconv"
	"strings"
)

// ParseValue parses one numeric cell, correctly rounded. An empty cell
// and the usual spellings of a missing value (NaN, nan, NA, N/A, null,
// None) are NaN; inf and -inf are infinities.
func ParseValue(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if missing(s) {
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}

// ParsePandas parses one numeric cell the way pandas.read_csv does by
// default (its "high" precision parser, precise_xstrtod): the first 17
// significant digits are accumulated in a float64 and then scaled by a
// power of ten, which can be one unit in the last place away from the
// correctly rounded value. The MSU benchmark reads its CSV files this
// way, and at |r| = 1 that last bit can decide the pooled result.
// Missing values are as for ParseValue.
func ParsePandas(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if missing(s) {
		return math.NaN(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) || !plainDecimal(s) {
		return v, err
	}
	return xstrtod(s), nil
}

func missing(s string) bool {
	switch s {
	case "", "NaN", "nan", "NAN", "-NaN", "-nan", "NA", "N/A", "n/a", "#N/A", "null", "NULL", "None", "<NA>":
		return true
	}
	return false
}

// plainDecimal reports whether s is [sign] digits [. digits] [e [sign] digits].
func plainDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		n := 0
		for i < len(s) && isDigit(s[i]) {
			i++
			n++
		}
		if n == 0 {
			return false
		}
	}
	return i == len(s)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// pow10 holds the correctly rounded powers 1e0 … 1e308, as the C
// literals of pandas' table.
var pow10 = func() (p [309]float64) {
	for i := range p {
		p[i], _ = strconv.ParseFloat("1e"+strconv.Itoa(i), 64)
	}
	return p
}()

// xstrtod is pandas' precise_xstrtod for a string that plainDecimal
// accepts.
func xstrtod(s string) float64 {
	const maxDigits = 17
	var number float64
	exponent, digits, decimals := 0, 0, 0
	negative := false
	i := 0
	if s[i] == '+' || s[i] == '-' {
		negative = s[i] == '-'
		i++
	}
	for i < len(s) && isDigit(s[i]) {
		if digits < maxDigits {
			number = number*10 + float64(s[i]-'0')
			digits++
		} else {
			exponent++
		}
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for digits < maxDigits && i < len(s) && isDigit(s[i]) {
			number = number*10 + float64(s[i]-'0')
			digits++
			decimals++
			i++
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		exponent -= decimals
	}
	if negative {
		number = -number
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		neg := false
		if s[i] == '+' || s[i] == '-' {
			neg = s[i] == '-'
			i++
		}
		n := 0
		for d := 0; d < maxDigits && i < len(s) && isDigit(s[i]); d++ {
			n = n*10 + int(s[i]-'0')
			i++
		}
		if neg {
			exponent -= n
		} else {
			exponent += n
		}
	}
	switch {
	case exponent > 308:
		return math.Copysign(math.Inf(1), number)
	case exponent > 0:
		return number * pow10[exponent]
	case exponent < -616:
		return math.Copysign(0, number)
	case exponent < -308:
		return number / pow10[-308-exponent] / pow10[308]
	}
	return number / pow10[-exponent]
}
