// Input as people type it: through a Chinese input method (full-width
// digits, letters, colon and hyphen, the ideographic space), in lower case,
// or relative to today ("14:30", "yesterday 16:00", "昨天 16:00"). Each
// function turns such text into the one form the strict parsers read; what
// it cannot read it leaves for them to refuse, quoting what was typed.
// Nothing here reads the clock: `now` is passed in.
#pragma once

#include <string>
#include <string_view>

#include "base/timepoint.h"

namespace svc {

// `text` with the full-width forms (U+FF01-U+FF5E) as their ASCII
// characters, the hyphens and dashes (U+2010-U+2015, U+2212) as '-', the
// ideographic space (U+3000) as ' '. Everything else stays as it is.
std::string FoldTyped(std::string_view text);

// A document or serial number as typed: folded, trimmed, ASCII letters in
// upper case ("ｓｈ－２６－１１－０１ " -> "SH-26-11-01").
std::string NormalizeNumber(std::string_view text);

// A time as typed, written the way ParseTime reads it: folded, and the forms
// relative to `now`'s day in the company's time zone (`offset_minutes`) —
// "HH:MM", "today HH:MM", "yesterday HH:MM", "今天 HH:MM", "昨天 HH:MM" —
// as "YYYY-MM-DDTHH:MM" (read in that offset). Other text comes back folded.
std::string ResolveTypedTime(std::string_view text, const Time& now, int offset_minutes);

}  // namespace svc
