// Status: the one error style of the library (after leveldb's util/status.h).
//
// A Status is either OK or carries a code and one human-readable line that
// says what went wrong and why. The CLI maps codes to exit statuses:
// kInvalidArgument (a bad value on the command line) exits 2, every other
// failure exits 1. Messages never end with a period or a newline.
#pragma once

#include <string>
#include <utility>

namespace svc {

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

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // The same code with `prefix: ` in front of the message.
  Status Prefixed(const std::string& prefix) const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Returns early from the enclosing function when `expr` is not OK.
#define SVC_RETURN_IF_ERROR(expr)              \
  do {                                         \
    ::svc::Status svc_status_ = (expr);        \
    if (!svc_status_.ok()) return svc_status_; \
  } while (0)

}  // namespace svc
