// Status: the one error style of the library (after leveldb's util/status.h).
//
// A Status is either OK or carries a code and one human-readable line that
// says what went wrong and why. The CLI maps codes to exit statuses:
// kInvalidArgument (a bad value on the command line) exits 2, every other
// failure exits 1. Messages never end with a period or a newline.
//
// Two facts a caller may need besides the text travel as data:
// - location(): the file, line and column an error of a parser is at; the
//   text then reads "file:LINE[:COL]: message" (made here, never by the parser);
// - field(): the record field a bad value was given for ("kind", "level");
//   the text names it ("kind: 'x' is not one of …") and a front end may name
//   it its own way (the CLI says "--kind": cli/flags.h, Status::Renamed).
//   A message about several values names each ("people and days must be at
//   least 1": Status::InvalidFields); field() is the first, Renamed names all.
// The library names fields, never a front end's options or commands.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace svc {

// Where in a file something is.
struct Location {
  std::string file;
  int line = 0;    // 1-based
  int column = 0;  // 1-based; 0: not known
  // "file:LINE" or "file:LINE:COL".
  std::string Text() const;
  bool operator==(const Location&) const = default;
};

class Status {
 public:
  enum class Code {
    kOk,
    kInvalidArgument,  // a malformed value given by the user (exit 2)
    kNotFound,         // no such ticket, file or record
    kNotAllowed,       // the ticket's state does not allow the action
    kCorruption,       // a file svc cannot read as a record
    kIOError,          // the operating system refused
    kConflict,         // e.g. a number already taken, a full month
  };

  Status() = default;
  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return {Code::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
  static Status NotAllowed(std::string msg) { return {Code::kNotAllowed, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }
  static Status IOError(std::string msg) { return {Code::kIOError, std::move(msg)}; }
  static Status Conflict(std::string msg) { return {Code::kConflict, std::move(msg)}; }

  // A file svc cannot read, at `where`: the text reads "file:LINE[:COL]: msg".
  static Status Corruption(Location where, std::string_view msg);
  // A bad value for the field `field`: the text reads `field` followed by
  // `rest`, which brings its own separator (": 'x' is not one of …", " must be
  // 1 to 4, not 5").
  static Status InvalidField(std::string_view field, std::string_view rest);
  // A bad value or combination of values whose text names fields where
  // `pattern` writes them in braces: "{people} and {days} must be at least 1"
  // reads "people and days must be at least 1", each a field as data. Only
  // "{" + lowercase letters and '_' + "}" is a field; other text is kept as is
  // (a value formatted into `pattern` must not hold such braces).
  static Status InvalidFields(std::string_view pattern);

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // The whole text, as printed.
  const std::string& message() const { return message_; }
  // Where the error is, if a parser said so (null otherwise).
  const Location* location() const {
    return detail_ && detail_->location ? &*detail_->location : nullptr;
  }
  // The text without its location ("message" of "file:3: message"; "p: message" of
  // "p: file:3: message"); the whole text if it has none.
  std::string Unlocated() const;
  // The field a bad value was given for (the first the text names); "" if none.
  std::string_view field() const {
    return detail_ && !detail_->fields.empty() ? std::string_view(detail_->fields[0].name) : "";
  }
  // The text with each field it names named `name_of(field)` instead (the
  // CLI's "--kind" for "kind").
  std::string Renamed(std::string_view (*name_of)(std::string_view)) const;

  // The same code with `prefix: ` in front of the message.
  Status Prefixed(const std::string& prefix) const;
  // The same code with `field: ` in front, naming the field as data (a value
  // parser's error, for the field the value was given for).
  Status ForField(std::string_view field) const;

 private:
  struct Detail {
    std::optional<Location> location;
    size_t location_at = 0;  // where the text names the location ("file:3: ")
    struct Field {
      std::string name;
      size_t at = 0;  // where the text names it
    };
    std::vector<Field> fields;  // in the order the text names them
  };
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
  std::shared_ptr<const Detail> detail_;  // null for most errors and every OK
};

// Returns early from the enclosing function when `expr` is not OK.
#define SVC_RETURN_IF_ERROR(expr)              \
  do {                                         \
    ::svc::Status svc_status_ = (expr);        \
    if (!svc_status_.ok()) return svc_status_; \
  } while (0)

}  // namespace svc
