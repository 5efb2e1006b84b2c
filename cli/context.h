// Context: what every command needs from the edge of the program — the
// records directory, the clock, the actor — and how failures are printed.
// This is the one place that reads the system clock and the environment.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "base/timepoint.h"
#include "ops/workflow.h"
#include "options.h"
#include "storage/index.h"
#include "storage/store.h"

namespace svc::cli {

class Context {
 public:
  explicit Context(const GlobalOptions& global) : global_(global) {}

  const GlobalOptions& global() const { return global_; }
  bool json() const { return global_.json; }

  // Finds and opens the records directory (once).
  Status OpenStore();
  const Store& store() const { return *store_; }

  // --now, else $SVC_NOW, else the system clock; in the company's time zone.
  // REQUIRES: OpenStore() succeeded.
  Status Now(Time* out);
  // Whether --now or $SVC_NOW set the clock (a moment asked for), not the system clock.
  bool NowGiven() const;
  // The option's TIME (read in the company's time zone) or, when empty, now.
  Status TimeOption(const std::string& option, const std::string& text, Time* out);
  // The later of now (above) and the system clock: the moment `svc check`
  // judges a date in the future by (--now may be set in the past, to check
  // the records as they stood then).
  Status Present(Time* out);
  // --actor, $SVC_ACTOR, git's user.name, the login name.
  std::string Actor();
  // Actor(), refused (InvalidArgument naming where it came from: --actor,
  // SVC_ACTOR ...) when it holds a control character or a newline.
  Status ActorName(std::string* out);
  // --actor, else $SVC_ACTOR, else "": an actor the person named.
  std::string ExplicitActor() const;
  // What a command that wrote files says in its commit (--commit).
  void SetCommitMessage(std::string m) { commit_message_ = std::move(m); }
  // After a successful command: with --commit (or commit = true in svc.toml),
  // commits exactly the files it wrote. Returns the exit status to use.
  int CommitIfAsked(const std::string& command, int rc);

  // How scans over the whole store use the index (.svc/index).
  ScanOptions Scan() const;

  // Who acts at --at (`at_text`, default now), judged against now.
  Status MakeActor(const std::string& at_text, svc::Actor* out);

 private:
  GlobalOptions global_;
  std::unique_ptr<Store> store_;
  bool have_now_ = false;
  std::string commit_message_;
  Time now_;
};

// Progress of a long scan on a terminal: "svc: list: 45000 tickets read…",
// shown only when stderr is a terminal (not under TERM=dumb) and the scan has
// taken longer than a second; erased when done.
class Progress {
 public:
  explicit Progress(std::string what);
  ~Progress();
  void Update(int64_t done);

 private:
  std::string what_;
  bool tty_;
  int64_t start_ms_, last_ms_ = 0;
  bool shown_ = false;
};

// Prints "svc: message" on stderr and returns the exit status for `s`:
// 2 for InvalidArgument, else 1.
int Fail(const Status& s);

// --json with a --format of another kind (ics, csv, html, openmetrics …):
// InvalidArgument, rather than one of the two silently winning. "text" (the
// default) and "json" go with it.
Status JsonAndFormat(const Context& ctx, std::string_view format);

// Runs one workflow action on t.id: builds the event with `make`, records it,
// and prints "svc: <id>: <what>" on stderr (`what` is read after `make` ran,
// so the maker may fill it in). Returns the exit status.
// With --json, the ticket as it then stands is printed (as show --json),
// unless the command prints its own result (`own_output`: quote's).
int RunAct(Context& ctx, const Target& t, const std::string& what, const EventMaker& make,
           bool own_output = false);

// Reads a whole file, or standard input for "-": at most kMaxInputBytes
// (model/limits.h), and only a regular file (a named pipe, a device or a
// folder is refused before anything is read, never waited on);
// InvalidArgument otherwise.
Status ReadInput(const std::string& path, std::string* out);

// Reads a spreadsheet for `svc import` as ReadInput does, but at most
// kMaxImportBytes and its bytes as they are (format/csv.h decodes them).
Status ReadImportFile(const std::string& path, std::string* out);

}  // namespace svc::cli
