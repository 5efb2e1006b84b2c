#include "format/csv.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <iconv.h>

#include <cerrno>

#include "base/i18n.h"
#include "base/text.h"
#include "model/limits.h"

namespace svc {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kGb18030Bom = "\x84\x31\x95\x33";

Location At(std::string_view file, int line) {
  return Location{std::string(file), line, 0};
}

// The line (1-based) that byte `offset` of `text` is on: CRLF, LF and a lone
// CR each end a line, as SplitCsvRows counts them. In GB18030 these bytes
// are never part of a longer character, so raw bytes count the same.
int LineAt(std::string_view text, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
    } else if (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) {
      ++line;
    }
  }
  return line;
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// The offset of the first byte of `text` that begins no UTF-8 character, or npos.
size_t FirstInvalidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n = Utf8SequenceAt(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

// GB18030 `bytes` as UTF-8; *bad_offset the offset of the first byte that
// is not GB18030 (npos when converted whole).
Status ConvertGb18030(std::string_view bytes, std::string* out, size_t* bad_offset) {
  *bad_offset = std::string_view::npos;
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return Status::IOError(_("cannot convert from GB18030: this system's iconv does not know it"));
  }
  out->assign(bytes.size() * 2 + 16,
              '\0');  // a GB18030 character takes at most 1.5 times its bytes
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* to = out->data();
  size_t to_left = out->size();
  while (in_left > 0) {
    size_t r = iconv(cd, &in, &in_left, &to, &to_left);
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {  // not expected, given the room above; grow and go on
      size_t used = static_cast<size_t>(to - out->data());
      out->resize(out->size() * 2);
      to = out->data() + used;
      to_left = out->size() - used;
      continue;
    }
    *bad_offset =
        static_cast<size_t>(in - bytes.data());  // EILSEQ, or EINVAL: cut short at the end
    break;
  }
  out->resize(static_cast<size_t>(to - out->data()));
  iconv_close(cd);
  return Status::OK();
}

std::string ByteText(std::string_view text, size_t at) {
  std::string out;
  for (size_t i = at; i < text.size() && i < at + 4; ++i) {
    if (!out.empty()) out += ' ';
    out += fmt::format("{:02X}", static_cast<unsigned char>(text[i]));
  }
  return out;
}

Status DecodeUtf8(std::string_view bytes, std::string_view file, std::string* text) {
  if (bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom) bytes.remove_prefix(kUtf8Bom.size());
  size_t bad = FirstInvalidUtf8(bytes);
  if (bad == std::string_view::npos) {
    text->assign(bytes);
    return Status::OK();
  }
  std::string where = At(file, LineAt(bytes, bad)).Text();
  std::string converted;
  size_t gb_bad = 0;
  SVC_RETURN_IF_ERROR(ConvertGb18030(bytes, &converted, &gb_bad));
  if (gb_bad == std::string_view::npos) {
    return Status::InvalidFields(
               TrF("the text is not UTF-8 (bytes {}) but reads as GB18030, as a Chinese "
                   "Windows saves CSV: give {{encoding}} gb18030",
                   ByteText(bytes, bad)))
        .Prefixed(where);
  }
  return Status::Corruption(
      At(file, LineAt(bytes, bad)),
      TrF("the text is neither UTF-8 nor GB18030 (bytes {}): save the sheet as "
          "\"CSV UTF-8\"",
          ByteText(bytes, bad)));
}

Status DecodeGb18030(std::string_view bytes, std::string_view file, std::string* text) {
  if (bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom ||
      (!IsAscii(bytes) && FirstInvalidUtf8(bytes) == std::string_view::npos)) {
    // Chinese text in GB18030 is practically never also valid UTF-8: reading
    // UTF-8 as GB18030 would import garbled names without a word.
    return Status::InvalidFields(_("the text is UTF-8, not GB18030: leave out {encoding} gb18030"))
        .Prefixed(At(file, 1).Text());
  }
  if (bytes.substr(0, kGb18030Bom.size()) == kGb18030Bom) bytes.remove_prefix(kGb18030Bom.size());
  size_t bad = 0;
  SVC_RETURN_IF_ERROR(ConvertGb18030(bytes, text, &bad));
  if (bad != std::string_view::npos) {
    return Status::Corruption(At(file, LineAt(bytes, bad)),
                              TrF("the text is not GB18030 (bytes {})", ByteText(bytes, bad)));
  }
  return Status::OK();
}

bool IsBlank(const std::vector<std::string>& cells) {
  for (const std::string& c : cells) {
    if (!TrimCell(c).empty()) return false;
  }
  return true;
}

}  // namespace

Status ParseCsvEncoding(std::string_view name, CsvEncoding* out) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "utf-8" || lower == "utf8") {
    *out = CsvEncoding::kUtf8;
  } else if (lower == "gb18030") {
    *out = CsvEncoding::kGb18030;
  } else {
    return Status::InvalidField("encoding", TrF(": '{}' is not one of utf-8, gb18030", name));
  }
  return Status::OK();
}

Status DecodeCsv(std::string_view bytes, std::string_view file, CsvEncoding encoding,
                 std::string* text) {
  text->clear();
  if (bytes.size() > kMaxImportBytes) {
    return Status::InvalidArgument(
        TrF("{} is larger than {} MiB ({} bytes): svc reads at most that", file,
            kMaxImportBytes >> 20, kMaxImportBytes));
  }
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return Status::Corruption(At(file, 1),
                              _("the text is UTF-16 (Excel's \"Unicode Text\"): save the sheet as "
                                "\"CSV UTF-8\""));
  }
  if (encoding == CsvEncoding::kGb18030) return DecodeGb18030(bytes, file, text);
  return DecodeUtf8(bytes, file, text);
}

Status SplitCsvRows(std::string_view text, std::string_view file, std::vector<CsvRow>* rows) {
  rows->clear();
  const size_t n = text.size();
  size_t i = 0;
  int line = 1;
  // Ends the line at text[i] if a line end is there (CRLF, LF, CR).
  auto line_end = [&]() {
    if (i >= n) return false;
    if (text[i] == '\n') {
      ++i;
    } else if (text[i] == '\r') {
      i += (i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
    } else {
      return false;
    }
    ++line;
    return true;
  };
  while (i < n) {
    CsvRow row;
    row.line = line;
    for (;;) {  // one cell
      std::string cell;
      if (i < n && text[i] == '"') {
        int opened = line;
        ++i;
        for (;;) {
          if (i >= n) {
            return Status::Corruption(At(file, opened),
                                      _("a quoted cell has no closing quote (\"): the rest of the "
                                        "file would be one cell"));
          }
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              cell += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\r' || text[i] == '\n') {
            line_end();
            cell += '\n';  // a line break in a cell is a newline, however the file ends lines
            continue;
          }
          cell += text[i++];
        }
      }
      // An unquoted cell, or what follows a closing quote (`"a"b` reads
      // `ab`, as spreadsheets read it): up to the comma or the line's end.
      while (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') cell += text[i++];
      row.cells.push_back(std::move(cell));
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      line_end();
      break;
    }
    if (!IsBlank(row.cells)) rows->push_back(std::move(row));
  }
  return Status::OK();
}

std::string_view TrimCell(std::string_view s) {
  for (;;) {
    size_t before = s.size();
    s = Trim(s);
    for (std::string_view space : {std::string_view("\u3000"), std::string_view("\u00A0")}) {
      while (s.starts_with(space)) s.remove_prefix(space.size());
      while (s.ends_with(space)) s.remove_suffix(space.size());
    }
    if (s.size() == before) return s;
  }
}

std::string NormalizeHeading(std::string_view heading) {
  std::string_view h = TrimCell(heading);
  for (;;) {  // "*客户名称", "名称＊": a template's mark of a required column
    size_t before = h.size();
    for (std::string_view star : {std::string_view("*"), std::string_view("\uFF0A")}) {
      if (h.starts_with(star)) h.remove_prefix(star.size());
      if (h.ends_with(star)) h.remove_suffix(star.size());
    }
    h = TrimCell(h);
    if (h.size() == before) break;
  }
  std::string out;
  for (char c : h) {
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c == ' ' || c == '-') {
      out += '_';
    } else {
      out += c;
    }
  }
  return out;
}

int CsvTable::Find(std::string_view key) const {
  for (size_t k = 0; k < keys.size(); ++k) {
    if (keys[k] == key) return static_cast<int>(k);
  }
  return -1;
}

std::string_view CsvTable::Cell(const CsvRow& row, std::string_view key) const {
  int k = Find(key);
  if (k < 0) return "";
  size_t c = columns[static_cast<size_t>(k)][0];
  return c < row.cells.size() ? std::string_view(row.cells[c]) : std::string_view();
}

std::vector<std::string_view> CsvTable::Cells(const CsvRow& row, std::string_view key) const {
  std::vector<std::string_view> out;
  int k = Find(key);
  if (k < 0) return out;
  for (size_t c : columns[static_cast<size_t>(k)]) {
    if (c < row.cells.size()) out.push_back(row.cells[c]);
  }
  return out;
}

namespace {

// The column of `columns` whose key or heading is `normalized`, or null.
const CsvColumn* ColumnFor(const std::vector<CsvColumn>& columns, const std::string& normalized) {
  if (normalized.empty()) return nullptr;
  for (const CsvColumn& c : columns) {
    if (NormalizeHeading(c.key) == normalized) return &c;
    for (std::string_view h : c.headings) {
      if (NormalizeHeading(h) == normalized) return &c;
    }
  }
  return nullptr;
}

std::string Headings(const CsvColumn& c) {
  std::string out(c.key);
  for (std::string_view h : c.headings) out.append("/").append(h);
  return out;
}

}  // namespace

Status MapCsvHeadings(std::vector<CsvRow> rows, std::string_view file,
                      const std::vector<CsvColumn>& columns, CsvTable* table) {
  *table = CsvTable();
  if (rows.empty()) {
    return Status::Corruption(At(file, 1), _("the file holds no heading row and no rows"));
  }
  const CsvRow& head = rows[0];
  table->heading_line = head.line;
  std::vector<std::string> seen;  // normalized headings so far
  for (size_t c = 0; c < head.cells.size(); ++c) {
    std::string norm = NormalizeHeading(head.cells[c]);
    std::string written(TrimCell(head.cells[c]));
    if (norm.empty()) continue;
    for (size_t s = 0; s < seen.size(); ++s) {
      if (seen[s] == norm) {
        return Status::Corruption(At(file, head.line),
                                  TrF("the heading '{}' names two columns", written));
      }
    }
    seen.push_back(norm);
    const CsvColumn* column = ColumnFor(columns, norm);
    if (!column) {
      table->ignored.push_back(written);
      continue;
    }
    int k = table->Find(column->key);
    if (k >= 0 && !column->list) {
      return Status::Corruption(At(file, head.line),
                                TrF("the headings '{}' and '{}' both name the column {}: keep one",
                                    table->headings[static_cast<size_t>(k)], written, column->key));
    }
    if (k < 0) {
      k = static_cast<int>(table->keys.size());
      table->keys.emplace_back(column->key);
      table->headings.push_back(written);
      table->columns.emplace_back();
    }
    table->columns[static_cast<size_t>(k)].push_back(c);
  }
  std::vector<std::string> missing;
  for (const CsvColumn& c : columns) {
    if (c.required && table->Find(c.key) < 0) missing.push_back(Headings(c));
  }
  if (!missing.empty()) {
    return Status::Corruption(
        At(file, head.line),
        TrF("the heading row (the first row that is not blank) names no column {}",
            fmt::join(missing, _(", no column "))));
  }
  for (size_t r = 1; r < rows.size(); ++r) {
    CsvRow& row = rows[r];
    for (size_t c = head.cells.size(); c < row.cells.size(); ++c) {
      if (!TrimCell(row.cells[c]).empty()) ++row.beyond;
    }
    table->rows.push_back(std::move(row));
  }
  return Status::OK();
}

}  // namespace svc
