// Crash and I/O-error behaviour, SQLite's and leveldb's way: every writing
// operation of the library (Writers(): every event Act records, a dispatch,
// each mark, renumber, a signer added, the git settings, `svc check
// --repair`, the recovery of an interrupted command, and `svc init`) is run
// once to learn its write steps — every folder made, file created, write,
// fsync, rename, fsync of a folder, removal — then once per step with that
// step failing, as an I/O error, a full disk, or a short write. After each
// failure the operation said so, naming the file and the reason; nothing
// half-written or temporary is left; and once the next command has taken the
// lock (which recovers), the records are byte for byte as before or as the
// operation completed them. A file whose rename happened before the failure
// (only the folder's fsync failed) is whole: the new bytes. The same list is
// crashed (FaultDisk::CrashAt) at each step and recovered.
#include <doctest/doctest.h>
#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <map>
#include <ranges>
#include <string>
#include <vector>

#include "disk_util.h"
#include "format/allowed_signers.h"
#include "format/fast_reader.h"
#include "format/record_toml.h"
#include "format/ticket_toml.h"
#include "model/nonconformity.h"
#include "model/vocabulary.h"
#include "ops/annual_plan.h"
#include "ops/check.h"
#include "ops/customers.h"
#include "ops/finance.h"
#include "ops/intake.h"
#include "ops/nonconformity.h"
#include "ops/renumber.h"
#include "ops/signers.h"
#include "ops/training.h"
#include "ops/visits.h"
#include "ops/workflow.h"
#include "rules/fees.h"
#include "storage/fault_disk.h"
#include "storage/index.h"
#include "storage/mem_disk.h"
#include "storage/recovery.h"
#include "test_util.h"

namespace svc {
namespace {

using svc_test::T;
using svc_test::TestDisk;
// Files (and folders, as "REL/" holding "") below the test's root, with their bytes.
using Files = std::map<std::string, std::string>;
using Step = FaultDisk::Step;

void Walk(Disk* disk, const std::string& abs, const std::string& rel, Files* out) {
  std::vector<std::string> names;
  bool exists = false;
  SVC_REQUIRE_OK(disk->ListDir(abs, &names, &exists));
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    std::string path = JoinPath(abs, name), r = rel + "/" + name;
    if (disk->IsDir(path)) {
      (*out)[r + "/"] = "";
      Walk(disk, path, r, out);
    } else {
      SVC_REQUIRE_OK(disk->ReadFile(path, &(*out)[r]));
    }
  }
}

// A records directory on one of the disks, made ready for the command
// (`bare`: an empty folder, for `svc init`).
struct Fixture {
  explicit Fixture(bool mem, bool bare = false) : d(mem), root(d / "records") {
    if (bare) {
      SVC_REQUIRE_OK(d.disk()->MakeDirs(root));
    } else {
      SVC_REQUIRE_OK(Store::Init(root, d.disk()));
    }
  }
  // The store through `disk` (the plain disk when null).
  std::unique_ptr<Store> Open(Disk* disk = nullptr) {
    std::unique_ptr<Store> store;
    SVC_REQUIRE_OK(Store::Open(root, disk ? disk : d.disk(), &store));
    return store;
  }
  // Every file and folder of the records, relative to the test's root ("records/...").
  Files Tree() const {
    Files out;
    Walk(d.disk(), root, "records", &out);
    return out;
  }
  TestDisk d;
  std::string root;
};

// The records as a person sees them: without svc's own cache and lock (.svc/).
Files Records(Files files) {
  std::erase_if(files, [](const auto& f) { return f.first.starts_with("records/.svc/"); });
  return files;
}

std::string OpenOne(const Store& store, std::string_view at) {
  IntakeForm form;
  form.via = "YX";
  form.customer.name = "华东电网检修公司";
  form.description = "开关柜无法合闸";
  std::string id;
  SVC_REQUIRE_OK(OpenTicket(store, form, T(at), T(at), "王芳", &id));
  return id;
}

Actor At(std::string_view t) {
  return Actor{"王芳", T(t), T(t)};
}

// An event on YX-26-11-01 at `at`, made by `make`.
Status On(const Store& store, std::string_view at, const EventMaker& make) {
  return Act(store, "YX-26-11-01", At(at), make);
}

Status Note(const Store& store, const std::string& id, std::string_view at) {
  return Act(store, id, At(at), [](const Ticket&, const TicketState&, Event* e) {
    e->action = "note";
    e->Set("text", std::string("客户来电"));
    return Status::OK();
  });
}

void Opened(const Store& store) {
  OpenOne(store, "2026-11-29T09:00:00+08:00");
}

void Classified(const Store& store) {
  std::string id = OpenOne(store, "2026-11-29T09:00:00+08:00");
  ClassifyRequest r;
  r.kind = "support";
  r.category = "hardware";
  r.level = 2;
  SVC_REQUIRE_OK(Act(store, id, At("2026-11-29T09:10:00+08:00"),
                     [&](const Ticket&, const TicketState&, Event* e) {
                       return MakeClassifyEvent(r, store.config(), e);
                     }));
}

Status DispatchOne(const Store& store, std::string_view at) {
  std::string number;
  return Dispatch(store, "YX-26-11-01", At(at), DispatchRequest{{"张伟"}, "", "", std::nullopt},
                  &number);
}

Status Plan(const Store& store, std::string_view at) {
  return On(store, at, [](const Ticket&, const TicketState&, Event* e) {
    e->action = "plan";
    e->Set("text", std::string("更换合闸线圈"));
    return Status::OK();
  });
}

Status Quote(const Store& store, std::string_view at) {
  return On(store, at, [&](const Ticket&, const TicketState& st, Event* e) {
    QuoteArgs a;
    a.people = 1;
    a.days = 1;
    svc::Quote q;
    SVC_RETURN_IF_ERROR(MakeQuote(a, store.config(), PriceList{}, st, e->at, &q));
    QuoteToEvent(q, e);
    return Status::OK();
  });
}

Status Mark(const Store& store, std::string_view action, std::string_view at) {
  MarkRequest r;
  r.action = action;
  if (action == "finish") {
    r.work = "更换合闸线圈";
    r.parts = {Part{"", "合闸线圈", 1, Money{3500}, "warranty"}};
  }
  if (action == "back") r.parts = {Part{"", "合闸线圈", 1, std::nullopt, "returned"}};
  if (action == "warehouse") r.nonconformity = "线圈烧毁，判定不合格";
  return MarkRecord(store, "YX-26-11-01", At(at), r);
}

void Dispatched(const Store& store) {
  Classified(store);
  SVC_REQUIRE_OK(DispatchOne(store, "2026-11-29T09:20:00+08:00"));
}

void Arrived(const Store& store) {
  Dispatched(store);
  SVC_REQUIRE_OK(Mark(store, "arrive", "2026-11-29T11:00:00+08:00"));
}

void Finished(const Store& store) {
  Arrived(store);
  SVC_REQUIRE_OK(Mark(store, "finish", "2026-11-29T11:30:00+08:00"));
}

void Back(const Store& store) {
  Finished(store);
  SVC_REQUIRE_OK(Mark(store, "back", "2026-11-29T11:45:00+08:00"));
}

Status Close(const Store& store, bool remote) {
  return On(store, "2026-11-29T12:00:00+08:00",
            [=](const Ticket& t, const TicketState& st, Event* e) {
              CloseRequest r;
              r.result = "completed";
              r.remote = remote;
              return MakeCloseEvent(r, t, st, e);
            });
}

void Closed(const Store& store) {
  Finished(store);
  SVC_REQUIRE_OK(Close(store, false));
}

// What an operation does, given the store to do it in; returns its status.
using Command = std::function<Status(const Store&)>;
// What `setup` makes before the command (on the plain disk), once per run.
using Setup = std::function<void(const Store&)>;

// A writing operation of the library, with what it needs made first.
struct WriteCase {
  const char* name;
  Setup setup;
  Command command;
  // Its repairs are independent steps (`svc check --repair`, a recovery):
  // a failure may leave some of them done, for the next run to finish.
  bool stepwise = false;
};

// A customer file K0001 with one unit, SN-1 (the customer file's writes).
void WithCustomer(const Store& store) {
  Time at = svc_test::T("2026-11-29T09:00:00+08:00");
  CustomerForm form;
  form.name = "国网杭州供电公司";
  form.phones = {"0571-8888-0101"};
  std::string code;
  SVC_REQUIRE_OK(AddCustomer(store, form, at, at, "王芳", &code));
  UnitForm unit;
  unit.serial = "SN-1";
  unit.product = "开关柜";
  SVC_REQUIRE_OK(AddEquipment(store, code, unit, at, at, "王芳", &code));
}

// The customer K0001 with a visit BF-26-11-01 (the visit's writes).
void WithVisit(const Store& store) {
  WithCustomer(store);
  Time at = svc_test::T("2026-11-29T09:30:00+08:00");
  VisitForm form;
  form.customer = "K0001";
  form.at = at;
  form.by = {"张伟"};
  std::string id;
  SVC_REQUIRE_OK(RecordVisit(store, form, at, "王芳", &id));
}

// The ticket YX-26-11-01 with the nonconformity report NC-26-11-01 on it.
void WithNonconformity(const Store& store) {
  Opened(store);
  Time at = svc_test::T("2026-11-29T09:30:00+08:00");
  std::string id;
  SVC_REQUIRE_OK(FileNonconformity(
      store, NonconformityForm{"YX-26-11-01", "", {"继电器:2"}, "触点烧蚀", at}, at, "王芳", &id));
}

// Two tickets that took SC-26-11-01 in two clones, as a merge leaves them:
// YX-26-11-01's entry in the registry, YX-26-11-02's set aside beside it.
void TwoDispatchesOneNumber(const Store& store) {
  for (std::string_view at : {"2026-11-29T09:00:00+08:00", "2026-11-29T09:05:00+08:00"}) {
    std::string id = OpenOne(store, at);
    ClassifyRequest r;
    r.kind = "support";
    r.category = "hardware";
    r.level = 2;
    SVC_REQUIRE_OK(Act(store, id, At("2026-11-29T09:10:00+08:00"),
                       [&](const Ticket&, const TicketState&, Event* e) {
                         return MakeClassifyEvent(r, store.config(), e);
                       }));
    std::string number;
    SVC_REQUIRE_OK(
        Dispatch(store, id,
                 At(id.ends_with("1") ? "2026-11-29T09:20:00+08:00" : "2026-11-29T09:30:00+08:00"),
                 DispatchRequest{{"张伟"}, "", "", std::nullopt}, &number));
  }
  Ticket t;
  SVC_REQUIRE_OK(store.Load("YX-26-11-02", &t));
  for (Event& e : t.events) {
    if (e.Is("dispatch")) e.Set("record", std::string("SC-26-11-01"));
  }
  DocNumber n, sc;
  SVC_REQUIRE_OK(ParseDocNumber("YX-26-11-02", &n));
  SVC_REQUIRE_OK(ParseDocNumber("SC-26-11-01", &sc));
  SVC_REQUIRE_OK(store.disk()->WriteFileAtomic(store.Abs(TicketPath(n)), WriteTicket(t)));
  SVC_REQUIRE_OK(store.disk()->RemoveFile(store.Abs("outbound/2026/11/SC-26-11-02.toml")));
  SVC_REQUIRE_OK(store.disk()->WriteFileAtomic(
      store.Abs(DuplicatePathIn(kOutboundFolder, sc, 1)),
      WriteOutboundEntry(OutboundEntry{"SC-26-11-01", "YX-26-11-02", false, false})));
}

// NC-26-11-01 filed in two clones for two reports, as a merge leaves them:
// the older in its file, the newer set aside beside it.
void TwoReportsOneNumber(const Store& store) {
  WithNonconformity(store);
  Record r;
  SVC_REQUIRE_OK(store.LoadRecord(NonconformityKind(), "NC-26-11-01", &r));
  Time later = svc_test::T("2026-11-29T09:45:00+08:00");
  r.Set("at", later);
  r.Set("description", std::string("指示灯不亮"));
  for (Event& e : r.events) e.at = later;
  DocNumber n;
  SVC_REQUIRE_OK(ParseDocNumber("NC-26-11-01", &n));
  SVC_REQUIRE_OK(store.disk()->WriteFileAtomic(
      store.Abs(DuplicatePathIn(NonconformityKind().folder, n, 1)), WriteRecord(r)));
}

// The training record PX-26-11-01 (李强 and 王芳 trained).
void WithTraining(const Store& store) {
  Opened(store);
  Time at = svc_test::T("2026-11-29T09:30:00+08:00");
  std::string id;
  SVC_REQUIRE_OK(AddTraining(
      store, TrainingForm{"2026-11-29", "保护装置调试", "张伟", {"李强", "王芳"}, "", {}, "", at},
      at, "王芳", &id));
}

// The customer above and the annual plan for 2026 with item 1 for it;
// approved by the general manager when `approved`.
void WithPlan(const Store& store, bool approved) {
  WithCustomer(store);
  Time at = svc_test::T("2026-11-29T09:30:00+08:00");
  int n = 0;
  SVC_REQUIRE_OK(AddPlanItem(store, "2026", PlanItemForm{"K0001", "SN-1", 12, "technical", ""}, at,
                             at, "王芳", &n));
  if (!approved) return;
  int count = 0;
  SVC_REQUIRE_OK(ApprovePlan(store, "2026", "gm", "", at, at, "张伟", &count));
}

constexpr const char* kKey =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGtl8dM7qdKoN3HqM0eDdta7oBns54uKquXKtTOPilGa alice@lap";

// What an interrupted dispatch leaves (killed after its registry entry,
// before its ticket's rename), and what older interrupted commands left.
void Interrupted(const Store& store) {
  Classified(store);
  Disk* d = store.disk();
  SVC_REQUIRE_OK(d->MakeDirs(store.Abs(LocalFolder())));
  SVC_REQUIRE_OK(d->WriteFileAtomic(store.Abs(JournalPath()),
                                    WriteJournal({"write outbound/2026/11/SC-26-11-01.toml",
                                                  "write tickets/2026/11/YX-26-11-01.toml"})));
  SVC_REQUIRE_OK(d->MakeDirs(store.Abs("outbound/2026/11")));
  SVC_REQUIRE_OK(
      d->WriteFileAtomic(store.Abs("outbound/2026/11/SC-26-11-01.toml"),
                         WriteOutboundEntry(OutboundEntry{"SC-26-11-01", "YX-26-11-01"})));
  SVC_REQUIRE_OK(
      d->WriteFileAtomic(store.Abs("tickets/2026/11/.YX-26-11-01.toml.tmp4242"), "id = \"YX"));
}

// A scan without the index: the write-off's scan would otherwise write the
// index (a cache, whose write may fail), and these tests count the record's writes.
ScanOptions NoIndex() {
  ScanOptions o;
  o.use_index = false;
  return o;
}

// Every writing operation of the library but `svc init` (InitCase).
std::vector<WriteCase> Writers() {
  auto act = [](std::string_view at, EventMaker make) -> Command {
    return [at, make](const Store& store) { return On(store, at, make); };
  };
  return {
      {"open", Opened,
       [](const Store& store) {
         // A new month: the month folder is made too.
         IntakeForm form;
         form.via = "YX";
         form.customer.name = "上海某某电力公司";
         std::string id;
         return OpenTicket(store, form, T("2026-12-01T10:00:00+08:00"),
                           T("2026-12-01T10:00:00+08:00"), "王芳", &id);
       }},
      {"classify", Opened,
       [](const Store& store) {
         ClassifyRequest r;
         r.kind = "quality";
         r.category = "hardware";
         r.level = 2;
         r.major = true;
         return On(store, "2026-11-29T09:10:00+08:00",
                   [&](const Ticket&, const TicketState&, Event* e) {
                     return MakeClassifyEvent(r, store.config(), e);
                   });
       }},
      {"analyze", Classified,
       act("2026-11-29T09:30:00+08:00",
           [](const Ticket&, const TicketState&, Event* e) {
             return MakeAnalyzeEvent(AnalyzeRequest{"批次缺陷", "更换", "", "加强来料检验", ""},
                                     Config{}, e);
           })},
      {"plan", Classified,
       [](const Store& store) { return Plan(store, "2026-11-29T09:30:00+08:00"); }},
      {"approve",
       [](const Store& store) {
         Classified(store);
         SVC_REQUIRE_OK(Plan(store, "2026-11-29T09:30:00+08:00"));
       },
       [](const Store& store) {
         return On(
             store, "2026-11-29T09:40:00+08:00", [&](const Ticket&, const TicketState&, Event* e) {
               return MakeApproveEvent(ApproveRequest{"gm", "同意", ""}, store.config(), "王芳", e);
             });
       }},
      {"dispatch", Classified,
       [](const Store& store) { return DispatchOne(store, "2026-11-29T09:20:00+08:00"); }},
      {"arrive", Dispatched,
       [](const Store& store) { return Mark(store, "arrive", "2026-11-29T11:00:00+08:00"); }},
      {"finish", Arrived,
       [](const Store& store) { return Mark(store, "finish", "2026-11-29T11:30:00+08:00"); }},
      {"back", Finished,
       [](const Store& store) { return Mark(store, "back", "2026-11-29T11:45:00+08:00"); }},
      {"warehouse", Back,
       [](const Store& store) { return Mark(store, "warehouse", "2026-11-29T14:00:00+08:00"); }},
      {"note", Opened,
       [](const Store& store) { return Note(store, "YX-26-11-01", "2026-11-29T09:30:00+08:00"); }},
      {"void", Opened,
       act("2026-11-29T09:30:00+08:00",
           [](const Ticket&, const TicketState&, Event* e) {
             e->action = "void";
             e->Set("reason", std::string("重复登记"));
             return Status::OK();
           })},
      {"quote", Classified,
       [](const Store& store) { return Quote(store, "2026-11-29T09:30:00+08:00"); }},
      {"accept",
       [](const Store& store) {
         Classified(store);
         SVC_REQUIRE_OK(Quote(store, "2026-11-29T09:30:00+08:00"));
       },
       act("2026-11-29T09:40:00+08:00",
           [](const Ticket&, const TicketState& st, Event* e) {
             e->action = "accept";
             if (st.quote) e->Set("total", st.quote->total);
             return Status::OK();
           })},
      {"close", Finished, [](const Store& store) { return Close(store, false); }},
      {"verify",
       [](const Store& store) {
         Finished(store);
         SVC_REQUIRE_OK(Close(store, true));
       },
       act("2026-11-29T13:00:00+08:00",
           [](const Ticket&, const TicketState&, Event* e) {
             e->action = "verify";
             e->Set("result", std::string(VerifyResults().words().front().stored));
             return Status::OK();
           })},
      {"survey", Closed,
       act("2026-11-29T13:00:00+08:00",
           [](const Ticket& t, const TicketState& st, Event* e) {
             SurveyRequest r;
             r.satisfaction = "satisfied";
             return MakeSurveyEvent(r, t, st, e);
           })},
      {"reopen", Closed,
       act("2026-11-29T13:00:00+08:00",
           [](const Ticket&, const TicketState&, Event* e) {
             return MakeReopenEvent("客户反映故障复现", e);
           })},
      {"correct", Opened,
       [](const Store& store) {
         return On(store, "2026-11-29T09:30:00+08:00",
                   [&](const Ticket& t, const TicketState& st, Event* e) {
                     CorrectRequest r{"phone", "021-55550101", "登记有误"};
                     return MakeCorrectEvent(r, t, st, store.config(), e);
                   });
       }},
      {"renumber",
       [](const Store& store) {
         // Two receipts under one number, as a merge of two clones leaves them.
         Opened(store);
         IntakeForm form;
         form.via = "YX";
         form.customer.name = "苏州某某机电";
         DocNumber n;
         SVC_REQUIRE_OK(ParseDocNumber("YX-26-11-01", &n));
         Ticket newer = NewTicket(form, n, T("2026-11-29T09:30:00+08:00"), "李强");
         SVC_REQUIRE_OK(
             store.disk()->WriteFileAtomic(store.Abs(DuplicatePath(n, 1)), WriteTicket(newer)));
       },
       [](const Store& store) {
         RenumberResult r;
         return Renumber(store, "YX-26-11-01", At("2026-11-29T10:00:00+08:00"), &r);
       }},
      {"renumber an outbound record", TwoDispatchesOneNumber,
       [](const Store& store) {
         RenumberResult r;
         return Renumber(store, "SC-26-11-01", At("2026-11-29T10:00:00+08:00"), &r);
       }},
      {"renumber a nonconformity report", TwoReportsOneNumber,
       [](const Store& store) {
         RenumberResult r;
         return Renumber(store, "NC-26-11-01", At("2026-11-29T10:00:00+08:00"), &r);
       }},
      {"sign", Opened,
       [](const Store& store) {
         SshPublicKey key;
         REQUIRE(ParseSshPublicKey(kKey, &key));
         AddSignerResult r;
         return AddSigner(store, "王芳", key, &r);
       }},
      {"customer add", Opened,
       [](const Store& store) {
         CustomerForm form;
         form.name = "华东电网";
         Time at = svc_test::T("2026-11-29T10:00:00+08:00");
         std::string code;
         return AddCustomer(store, form, at, at, "王芳", &code);
       }},
      {"customer edit", WithCustomer,
       [](const Store& store) {
         CustomerChange change;
         change.phones = {"0571-8888-0102"};
         Time at = svc_test::T("2026-11-29T10:00:00+08:00");
         return EditCustomer(store, "K0001", change, at, at, "王芳");
       }},
      {"equipment add", WithCustomer,
       [](const Store& store) {
         UnitForm unit;
         unit.serial = "SN-2";
         unit.product = "GIS";
         Time at = svc_test::T("2026-11-29T10:00:00+08:00");
         std::string code;
         return AddEquipment(store, "K0001", unit, at, at, "王芳", &code);
       }},
      {"equipment edit", WithCustomer,
       [](const Store& store) {
         UnitForm unit;
         unit.serial = "SN-1";
         unit.location = std::string("1号站");
         Time at = svc_test::T("2026-11-29T10:00:00+08:00");
         std::string code;
         return EditEquipment(store, unit, at, at, "王芳", &code);
       }},
      {"visit record", WithCustomer,
       [](const Store& store) {
         VisitForm form;
         form.customer = "K0001";
         form.at = svc_test::T("2026-11-29T10:00:00+08:00");
         form.by = {"张伟"};
         form.findings = "运行正常";
         std::string id;
         return RecordVisit(store, form, form.at, "王芳", &id);
       }},
      {"visit report", WithVisit,
       [](const Store& store) {
         Time at = svc_test::T("2026-11-29T10:00:00+08:00");
         return ReportVisit(store, "BF-26-11-01", VisitReportForm{"已走访", false, ""}, at, at,
                            "王芳");
       }},
      {"nonconformity", Opened,
       [](const Store& store) {
         // The first report: nonconformities/ and its month's folders are made.
         Time at = svc_test::T("2026-11-29T10:00:00+08:00");
         std::string id;
         return FileNonconformity(
             store, NonconformityForm{"YX-26-11-01", "", {"继电器:2"}, "触点烧蚀", at}, at, "王芳",
             &id);
       }},
      {"nonconformity action", WithNonconformity,
       [](const Store& store) {
         Time at = svc_test::T("2026-11-29T10:00:00+08:00");
         return FileCorrectiveAction(store, "NC-26-11-01", {"加严来料检验", false, ""}, at, at,
                                     "赵质检");
       }},
      {"nonconformity close", WithNonconformity,
       [](const Store& store) {
         Time at = svc_test::T("2026-11-29T10:00:00+08:00");
         return CloseNonconformity(store, "NC-26-11-01", "scrap", "", at, at, "赵质检");
       }},
      {"expense", Dispatched,
       [](const Store& store) {
         return RecordExpense(store, "YX-26-11-01", At("2026-11-29T10:00:00+08:00"),
                              ExpenseForm{"SC-26-11-01", "transport", "320", "", "高铁"});
       }},
      {"advance", Opened,
       [](const Store& store) {
         // The first advance: advances/ and its month's folders are made.
         Time at = svc_test::T("2026-11-29T10:00:00+08:00");
         std::string id;
         return RecordAdvance(store, AdvanceForm{"张伟", "2000", "", at}, at, "财务", &id);
       }},
      {"writeoff", Dispatched,
       [](const Store& store) {
         Writeoff w;
         bool already = false;
         return WriteOffMonth(store, Month{2026, 11}, svc_test::T("2026-12-01T10:00:00+08:00"),
                              "财务", NoIndex(), &w, &already);
       }},
      {"training add", Opened,
       [](const Store& store) {
         // The first record: training/ and its month's folders are made.
         Time at = svc_test::T("2026-11-29T10:00:00+08:00");
         std::string id;
         return AddTraining(
             store,
             TrainingForm{
                 "2026-11-29", "保护装置调试", "张伟", {"李强"}, "笔试", {"手册"}, "2", at},
             at, "王芳", &id);
       }},
      {"training assess", WithTraining,
       [](const Store& store) {
         Time at = svc_test::T("2026-11-29T10:00:00+08:00");
         return AssessTraining(store, "PX-26-11-01", "李强", "合格", "", at, at, "张伟");
       }},
      {"annual-plan add", WithCustomer,
       [](const Store& store) {
         // The first item: plans/ and its file are made.
         Time at = svc_test::T("2026-11-29T10:00:00+08:00");
         int n = 0;
         return AddPlanItem(store, "2026", PlanItemForm{"K0001", "SN-1", 12, "repair", "检修"}, at,
                            at, "王芳", &n);
       }},
      {"annual-plan approve", [](const Store& store) { WithPlan(store, false); },
       [](const Store& store) {
         Time at = svc_test::T("2026-11-29T10:00:00+08:00");
         int n = 0;
         return ApprovePlan(store, "2026", "gm", "同意", at, at, "张伟", &n);
       }},
      {"open --annual-plan", [](const Store& store) { WithPlan(store, true); },
       [](const Store& store) {
         // The ticket, then the plan's `served`.
         IntakeForm form;
         form.via = "YX";
         form.customer.name = "国网杭州供电公司";
         form.annual_plan = "2026:1";
         std::string id;
         return OpenTicket(store, form, T("2026-11-29T10:00:00+08:00"),
                           T("2026-11-29T10:00:00+08:00"), "王芳", &id);
       }},
      {"git setup",
       [](const Store& store) {
         Opened(store);
         SVC_REQUIRE_OK(
             store.disk()->WriteFileAtomic(store.Abs(GitAttributesPath()), "*.pdf binary\n"));
       },
       [](const Store& store) { return store.EnsureGitFiles(); }},
      {"check --repair",
       [](const Store& store) {
         Interrupted(store);
         // Without its journal (an older svc's leftovers): found by a walk.
         SVC_REQUIRE_OK(store.disk()->RemoveFile(store.Abs(JournalPath())));
         SVC_REQUIRE_OK(store.disk()->WriteFileAtomic(store.Abs(".svc.toml.tmp8.3"), "half"));
         SVC_REQUIRE_OK(store.disk()->MakeDirs(store.Abs("tickets/2026/12")));
       },
       [](const Store& store) { return RepairStore(store, nullptr); }, true},
      {"recovery", Interrupted,
       [](const Store& store) {
         // What every writing command does first.
         std::unique_ptr<FileLock> lock;
         return store.Lock(&lock);
       },
       true},
  };
}

bool Hidden(const std::string& rel) {
  std::string path = rel.ends_with('/') ? rel.substr(0, rel.size() - 1) : rel;
  std::string name = path.substr(path.rfind('/') + 1);
  return name[0] == '.' && name != ".gitignore" && name != ".gitattributes" && name != ".svc";
}

struct Fault {
  const char* what;
  int error;
  bool short_write;
};

// The faults to try at a step of kind `step`.
std::vector<Fault> FaultsFor(Step step) {
  if (step == Step::kWrite) {
    return {{"I/O error", EIO, false}, {"disk full", ENOSPC, false}, {"short write", ENOSPC, true}};
  }
  if (step == Step::kCreate || step == Step::kMakeDirs) {
    return {{"I/O error", EIO, false}, {"disk full", ENOSPC, false}};
  }
  return {{"I/O error", EIO, false}};
}

std::string Verb(Step step) {
  switch (step) {
    case Step::kMakeDirs:
      return "cannot create folder ";
    case Step::kCreate:
      return "cannot create ";
    case Step::kWrite:
      return "cannot write ";
    case Step::kSync:
      return "cannot sync ";
    case Step::kRename:
      return "cannot rename into place ";
    case Step::kSyncFolder:
      return "cannot sync folder ";
    case Step::kRemove:
      return "cannot remove ";
  }
  return "";
}

// `svc check` finds no problem (leftovers of interrupted commands included).
void CheckClean(const Store& store) {
  std::vector<std::string> problems;
  CheckSummary summary;
  SVC_CHECK_OK(CheckStore(
      store, [&](const Problem& p) { problems.push_back(FormatProblem(p)); }, &summary));
  CHECK_MESSAGE(problems.empty(), fmt::format("{}", fmt::join(problems, "\n")));
}

// No temporary file anywhere below the root (but those `planted` before).
void NoTemporaries(const Files& files, const Files& planted = {}) {
  for (const auto& [rel, bytes] : files) {
    CAPTURE(rel);
    if (!planted.count(rel)) CHECK_FALSE(Hidden(rel));
  }
}

// What the next command does first: takes the lock (recovering what the
// journal names), and lets go.
void NextCommand(const Store& store) {
  std::unique_ptr<FileLock> lock;
  SVC_CHECK_OK(store.Lock(&lock));
}

// A check of what a failed command left, given the files before, after, and
// after a successful run.
using Consistent = std::function<void(const Files& before, const Files& after, const Files& done)>;

void NothingMore(const Files&, const Files&, const Files&) {}

// Runs `c` once to learn its steps, then once per step and fault with that
// step failing, each time on a fresh records directory. A command that
// `must_fail` returns the step's error, naming its file and the reason.
// Returns the number of failing runs.
int FailEachStep(bool mem, const WriteCase& c, bool must_fail,
                 const Consistent& consistent = NothingMore) {
  Files done;
  std::vector<Step> steps;
  std::vector<std::string> paths;
  {
    Fixture f(mem);
    c.setup(*f.Open());
    FaultDisk disk(f.d.disk());
    std::unique_ptr<Store> store = f.Open(&disk);
    SVC_REQUIRE_OK(c.command(*store));
    steps = disk.steps();
    paths = disk.paths();
    for (std::string& path : paths) path = path.substr(f.root.size());  // below the root
    done = f.Tree();
  }
  REQUIRE(steps.size() >= 4);
  bool renamed = false;
  int runs = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    for (const Fault& fault : FaultsFor(steps[i])) {
      std::string name = c.name;
      CAPTURE(name);
      CAPTURE(i);
      std::string step = FaultDisk::StepName(steps[i]);
      CAPTURE(step);
      std::string fault_what = fault.what;
      CAPTURE(fault_what);
      Fixture f(mem);
      std::string path = f.root + paths[i];
      CAPTURE(path);
      c.setup(*f.Open());
      Files before = f.Tree();
      FaultDisk disk(f.d.disk());
      std::unique_ptr<Store> store = f.Open(&disk);
      disk.FailStep(static_cast<int>(i), fault.error, fault.short_write);
      Status s = c.command(*store);
      ++runs;
      CHECK(disk.failures() == 1);
      // The last step, the removal of the intent journal, comes once the
      // work is done: the next command removes the journal (but the
      // recovery's own removal of it, under a lock not yet taken, fails).
      bool journal_removal = i + 1 == steps.size() && paths[i] == "/.svc/journal";
      if ((journal_removal && s.ok()) || !must_fail) {
        SVC_CHECK_OK(s);
      } else {
        // "cannot write PATH: No space left on device"
        std::string reason = path + ": " + std::strerror(fault.error);
        CHECK(s.code() == Status::Code::kIOError);
        CHECK_MESSAGE((s.message() == Verb(steps[i]) + reason ||
                       s.message() == "cannot remove folder " + reason),
                      s.message());
      }
      Files after = f.Tree();
      // A journal the failed command could not remove is the next command's to recover.
      after.erase("records/.svc/journal");
      NoTemporaries(after, before);
      for (const auto& [rel, bytes] : after) {
        CAPTURE(rel);
        auto was = before.find(rel);
        auto want = done.find(rel);
        bool old_bytes = was != before.end() && was->second == bytes;
        bool new_bytes = want != done.end() && want->second == bytes;
        // The index's entries hold inode numbers, which differ between two
        // records directories on the real disk: the scans in `command` show
        // it whole instead.
        if (!mem && rel == "records/.svc/index") new_bytes = true;
        CHECK_MESSAGE((old_bytes || new_bytes),
                      "changed or half-written: " << bytes.size() << " bytes");
        // Before the first rename nothing may have changed at all.
        if (!renamed && !c.stepwise) CHECK(old_bytes);
      }
      if (!c.stepwise) {
        for (const auto& [rel, bytes] : before) {
          CAPTURE(rel);
          // Nothing stored is lost (but what the finished command removes).
          CHECK((after.count(rel) == 1 || done.count(rel) == 0));
        }
      }
      consistent(before, after, done);
      // The next command recovers: the records are as before or as done
      // (or, for a stepwise one, partway); then the command works on the
      // plain disk if it is still to do, and the records check clean.
      std::unique_ptr<Store> plain = f.Open();
      NextCommand(*plain);
      Files recovered = Records(f.Tree());
      bool as_before = recovered == Records(before);
      bool as_done = recovered == Records(done);
      CHECK_MESSAGE((as_before || as_done || c.stepwise),
                    fmt::format("neither as before nor as done:\n{}",
                                fmt::join(recovered | std::views::keys, "\n")));
      if (!as_done) {
        SVC_CHECK_OK(c.command(*plain));
        CHECK(Records(f.Tree()) == Records(done));
      }
      CheckClean(*plain);
      CHECK(f.Tree().count("records/.svc/journal") == 0);
      NoTemporaries(f.Tree());
    }
    if (steps[i] == Step::kRename) renamed = true;
  }
  return runs;
}

// A dispatch writes the outbound registry entry, then the ticket: after a
// failure the entry exists exactly when the ticket as stored files it.
void DispatchConsistent(const Files& before, const Files& after, const Files& done) {
  const std::string ticket = "records/tickets/2026/11/YX-26-11-01.toml";
  const std::string entry = "records/outbound/2026/11/SC-26-11-01.toml";
  bool filed = after.at(ticket) == done.at(ticket);
  CHECK(filed == (after.count(entry) == 1));
  if (!filed) CHECK(after.at(ticket) == before.at(ticket));
}

TEST_CASE("fault: every writing operation fails cleanly at each write step") {
  for (bool mem : {true, false}) {
    CAPTURE(mem);
    int runs = 0, operations = 0;
    for (const WriteCase& c : Writers()) {
      std::string name = c.name;
      runs += FailEachStep(mem, c, true, name == "dispatch" ? DispatchConsistent : NothingMore);
      ++operations;
    }
    MESSAGE(fmt::format("{}: {} operations, {} failing runs", mem ? "MemDisk" : "real disk",
                        operations, runs));
    CHECK(operations >= 24);
    CHECK(runs >= 500);
  }
}

TEST_CASE("fault: a failed write of a new ticket names the temporary file and the reason") {
  MemDisk mem;
  SVC_REQUIRE_OK(Store::Init("/r", &mem));
  FaultDisk disk(&mem);
  std::unique_ptr<Store> store;
  SVC_REQUIRE_OK(Store::Open("/r", &disk, &store));
  // .svc (the lock), the intent journal (create, write, sync, rename, sync
  // of .svc), the month folder, the temporary file, then its write.
  disk.FailStep(8, ENOSPC, true);
  IntakeForm form;
  form.via = "YX";
  form.customer.name = "上海某某电力公司";
  std::string id = "none";
  Status s = OpenTicket(*store, form, T("2026-11-29T10:00:00+08:00"),
                        T("2026-11-29T10:00:00+08:00"), "王芳", &id);
  CHECK(s.code() == Status::Code::kIOError);
  CHECK(s.message() == fmt::format("cannot write /r/tickets/2026/11/.YX-26-11-01.toml.tmp{}: {}",
                                   ::getpid(), std::strerror(ENOSPC)));
  CHECK(id == "none");
  CHECK(mem.Files("/r/tickets").empty());
  // No empty month folder stays behind, and no journal.
  CHECK_FALSE(mem.Exists("/r/tickets/2026/11"));
  CHECK_FALSE(mem.Exists("/r/tickets/2026"));
  CHECK(mem.IsDir("/r/tickets"));
  CHECK_FALSE(mem.Exists("/r/.svc/journal"));
}

// A dispatch writes the outbound registry entry, then the ticket: after a

// The index is a cache: a scan whose rewrite of .svc/index fails still gives
// a full read's answers; the old index stays whole (or the new one is whole
// in place), and the next scan agrees with a full read without a note.
TEST_CASE("fault: an index rewrite fails cleanly at each write step") {
  auto scan = [](const Store& store, bool use_index, std::vector<std::string>* notes) {
    std::vector<std::string> rows;
    ScanOptions o;
    o.use_index = use_index;
    o.wall_clock_secs = 4'000'000'000;  // every file long unchanged: summaries kept
    o.note = [&](const std::string& n) { notes->push_back(n); };
    Status s = ScanSummaries(
        store, T("2027-06-30T12:00:00+08:00"), o,
        [&](const Store::Entry& e, const TicketSummary& t) {
          std::string row = e.rel + " ";
          EncodeSummary(t, &row);
          rows.push_back(std::move(row));
        },
        [&](const Status& e) { rows.push_back("unreadable: " + e.message()); });
    REQUIRE_MESSAGE(s.ok(), s.message());
    return rows;
  };
  for (bool mem : {true, false}) {
    CAPTURE(mem);
    auto setup = [&](const Store& store) {
      for (int i = 0; i < 12; ++i) {
        OpenOne(store, fmt::format("2026-{:02}-0{}T09:00:00+08:00", 9 + i % 3, 1 + i % 5));
      }
      std::vector<std::string> notes;
      scan(store, true, &notes);  // the index, built
      // One ticket more: the next scan rewrites the index.
      OpenOne(store, "2026-11-29T09:00:00+08:00");
    };
    auto command = [&](const Store& store) {
      std::vector<std::string> notes;
      std::vector<std::string> got = scan(store, true, &notes);
      CHECK(got == scan(store, false, &notes));
      CHECK(notes.empty());
      return Status::OK();
    };
    auto consistent = [&](const Files& before, const Files& after, const Files&) {
      for (const auto& [rel, bytes] : before) {
        if (rel != "records/.svc/index") CHECK(after.at(rel) == bytes);
      }
    };
    int runs = FailEachStep(mem, WriteCase{"index rewrite", setup, command}, false, consistent);
    CHECK(runs >= 8);
  }
}

// `svc init` writes into a bare folder, svc.toml last: until it is whole in
// place the folder is not a records directory, and `svc init` again
// finishes it (after svc.toml, it says there is one already).
TEST_CASE("fault: svc init fails cleanly at each write step, and a crash in it is recovered") {
  for (bool mem : {true, false}) {
    CAPTURE(mem);
    std::vector<Step> steps;
    std::vector<std::string> paths;
    Files done;
    {
      Fixture f(mem, true);
      FaultDisk disk(f.d.disk());
      SVC_REQUIRE_OK(Store::Init(f.root, &disk));
      steps = disk.steps();
      paths = disk.paths();
      for (std::string& path : paths) path = path.substr(f.root.size());  // below the root
      done = f.Tree();
    }
    REQUIRE(steps.size() >= 10);
    int runs = 0;
    for (size_t i = 0; i < steps.size(); ++i) {
      std::vector<Fault> faults = FaultsFor(steps[i]);
      faults.push_back({"crash", 0, false});
      for (const Fault& fault : faults) {
        CAPTURE(i);
        std::string step = FaultDisk::StepName(steps[i]);
        CAPTURE(step);
        std::string fault_what = fault.what;
        CAPTURE(fault_what);
        Fixture f(mem, true);
        std::string path = f.root + paths[i];
        CAPTURE(path);
        {
          FaultDisk disk(f.d.disk());
          if (fault.error) {
            disk.FailStep(static_cast<int>(i), fault.error, fault.short_write);
          } else {
            disk.CrashAt(static_cast<int>(i));
          }
          Status s = Store::Init(f.root, &disk);
          ++runs;
          CHECK(s.code() == Status::Code::kIOError);
          if (fault.error) {
            CHECK(disk.failures() == 1);
            CHECK(s.message() == Verb(steps[i]) + path + ": " + std::strerror(fault.error));
          }
        }
        Files after = f.Tree();
        if (fault.error) NoTemporaries(after);  // a crash's are the next init's to remove
        for (const auto& [rel, bytes] : after) {
          CAPTURE(rel);
          if (Hidden(rel)) continue;
          CHECK((done.count(rel) == 1 && done.at(rel) == bytes));  // whole, or not there
        }
        bool config = after.count("records/svc.toml") == 1;
        Status again = Store::Init(f.root, f.d.disk());
        if (config) {
          CHECK(again.code() == Status::Code::kConflict);
        } else {
          SVC_CHECK_OK(again);
        }
        CHECK(f.Tree() == done);
      }
    }
    MESSAGE(fmt::format("{}: svc init, {} failing runs and crashes", mem ? "MemDisk" : "real disk",
                        runs));
    CHECK(runs >= 30);
  }
}

// --- Crashes ----------------------------------------------------------------
//
// A crash (kill -9, a power cut) at each write step of each writing
// operation of Writers(): FaultDisk::CrashAt makes that step and every later
// one do nothing, so the disk stays as the dead process left it (its
// clean-up lost too). Then the next command's lock — or `svc check
// --repair` — recovers: the records check clean (once the operation is run
// again where the crash came before it took effect), and every event and
// registry entry stored before is still there.

// Every event of every ticket file in `before` is in some ticket file of
// `after`, and every registry entry of `before` is in `after`.
void NothingLost(const Files& before, const Files& after) {
  std::vector<Event> kept;
  for (const auto& [rel, bytes] : after) {
    Ticket t;
    if (rel.find("/tickets/") != std::string::npos && ReadTicket(bytes, rel, &t).ok()) {
      kept.insert(kept.end(), t.events.begin(), t.events.end());
    }
  }
  for (const auto& [rel, bytes] : before) {
    CAPTURE(rel);
    // (A registry entry a merge set aside goes with svc renumber.)
    if (rel.find("/outbound/") != std::string::npos && !rel.ends_with('/') &&
        !IsDuplicatePath(rel)) {
      CHECK(after.count(rel) == 1);
    }
    Ticket t;
    if (rel.find("/tickets/") == std::string::npos || !ReadTicket(bytes, rel, &t).ok()) continue;
    for (const Event& e : t.events) {
      CAPTURE(e.action);
      CHECK(std::find(kept.begin(), kept.end(), e) != kept.end());
    }
  }
}

// For each write step of the operation: a crash there, then (a) the next
// command's lock, (b) `svc check --repair`; then the operation again if the
// records are as before (or it is stepwise); each time the records check
// clean and nothing stored before is lost. Returns the crashes tried.
int CrashEachStep(bool mem, const WriteCase& c, std::vector<std::string>* recovered) {
  std::vector<Step> steps;
  Files done;
  {
    Fixture f(mem);
    c.setup(*f.Open());
    FaultDisk disk(f.d.disk());
    SVC_REQUIRE_OK(c.command(*f.Open(&disk)));
    steps = disk.steps();
    done = Records(f.Tree());
  }
  int crashes = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    for (bool repair : {false, true}) {
      std::string name = c.name;
      CAPTURE(name);
      CAPTURE(i);
      std::string step = FaultDisk::StepName(steps[i]);
      CAPTURE(step);
      CAPTURE(repair);
      Fixture f(mem);
      c.setup(*f.Open());
      Files before = f.Tree();
      {
        FaultDisk disk(f.d.disk());
        disk.CrashAt(static_cast<int>(i));
        (void)c.command(*f.Open(&disk));
        CHECK(disk.failures() >= 1);
      }
      ++crashes;
      std::unique_ptr<Store> store = f.Open();
      store->set_on_recovered([&](const std::string& what) { recovered->push_back(what); });
      if (repair) {
        SVC_CHECK_OK(RepairStore(*store, [&](const std::string& w) { recovered->push_back(w); }));
      } else {
        NextCommand(*store);
      }
      Files now = Records(f.Tree());
      if (now == Records(before) || c.stepwise) {
        // Not taken effect (or partway): for the operation to do.
        SVC_CHECK_OK(c.command(*store));
        CHECK(Records(f.Tree()) == done);
      }
      CheckClean(*store);
      Files after = f.Tree();
      CHECK(after.count("records/.svc/journal") == 0);
      NoTemporaries(after);
      NothingLost(before, after);
    }
  }
  return crashes;
}

TEST_CASE("fault: a crash at any write step of any writing operation is recovered") {
  for (bool mem : {true, false}) {
    CAPTURE(mem);
    int crashes = 0;
    std::vector<std::string> recovered;
    for (const WriteCase& c : Writers()) crashes += CrashEachStep(mem, c, &recovered);
    MESSAGE(fmt::format("{}: {} crashes", mem ? "MemDisk" : "real disk", crashes));
    CHECK(crashes >= 400);
    // Recovery said what it did: temporary files, empty folders, abandoned numbers.
    auto said = [&](std::string_view what) {
      return std::any_of(recovered.begin(), recovered.end(),
                         [&](const std::string& r) { return r.find(what) != std::string::npos; });
    };
    CHECK(said("removed the temporary file"));
    CHECK(said("removed the empty folder"));
    CHECK(said("kept as abandoned"));
    CHECK(said("renumber of YX-26-11-01"));
  }
}

// An abandoned number stays taken: the next dispatch takes the one after it,
// and `svc check` accepts the gapless sequence.
TEST_CASE("fault: a dispatch killed before its ticket was written keeps its number abandoned") {
  MemDisk mem;
  SVC_REQUIRE_OK(Store::Init("/r", &mem));
  std::unique_ptr<Store> store;
  SVC_REQUIRE_OK(Store::Open("/r", &mem, &store));
  Classified(*store);
  // What a dispatch killed after its registry entry (before its ticket's
  // rename) leaves: the journal, the entry, the ticket's temporary file.
  SVC_REQUIRE_OK(mem.WriteFileAtomic("/r/.svc/journal",
                                     WriteJournal({"write outbound/2026/11/SC-26-11-01.toml",
                                                   "write tickets/2026/11/YX-26-11-01.toml"})));
  SVC_REQUIRE_OK(mem.MakeDirs("/r/outbound/2026/11"));
  SVC_REQUIRE_OK(
      mem.WriteFileAtomic("/r/outbound/2026/11/SC-26-11-01.toml",
                          WriteOutboundEntry(OutboundEntry{"SC-26-11-01", "YX-26-11-01"})));
  SVC_REQUIRE_OK(mem.WriteFileAtomic("/r/tickets/2026/11/.YX-26-11-01.toml.tmp4242", "id = \"YX"));
  std::vector<std::string> said;
  store->set_on_recovered([&](const std::string& w) { said.push_back(w); });
  std::string number;
  SVC_REQUIRE_OK(Dispatch(*store, "YX-26-11-01", At("2026-11-29T09:40:00+08:00"),
                          DispatchRequest{{"张伟"}, "", "", std::nullopt}, &number));
  CHECK(number == "SC-26-11-02");
  REQUIRE(said.size() == 2);
  CHECK(said[0] ==
        "outbound record SC-26-11-01 was taken by an interrupted dispatch of YX-26-11-01, which "
        "did not file it: kept as abandoned in /r/outbound/2026/11/SC-26-11-01.toml (numbers are "
        "never reused)");
  CHECK(said[1] ==
        "removed the temporary file /r/tickets/2026/11/.YX-26-11-01.toml.tmp4242 of an "
        "interrupted write");
  std::string entry;
  SVC_REQUIRE_OK(mem.ReadFile("/r/outbound/2026/11/SC-26-11-01.toml", &entry));
  CHECK(entry.ends_with("abandoned = true\n"));
  OutboundEntry parsed;
  SVC_REQUIRE_OK(ParseOutboundEntry(entry, "entry", &parsed));
  CHECK(parsed.abandoned);
  CHECK_FALSE(mem.Exists("/r/.svc/journal"));
  CheckClean(*store);
}

// `svc check` reports what interrupted commands of any svc left (empty
// folders aside); --repair (RepairStore) removes it and empty folders,
// saying so, and the check is clean after.
TEST_CASE("fault: check reports leftovers and check --repair removes them") {
  MemDisk mem;
  SVC_REQUIRE_OK(Store::Init("/r", &mem));
  std::unique_ptr<Store> store;
  SVC_REQUIRE_OK(Store::Open("/r", &mem, &store));
  Classified(*store);
  SVC_REQUIRE_OK(mem.WriteFileAtomic("/r/tickets/2026/11/.YX-26-11-01.toml.tmp77", "half"));
  SVC_REQUIRE_OK(mem.WriteFileAtomic("/r/.svc.toml.tmp8.3", "half"));
  SVC_REQUIRE_OK(mem.MakeDirs("/r/tickets/2026/12"));
  SVC_REQUIRE_OK(mem.MakeDirs("/r/outbound/2027"));
  SVC_REQUIRE_OK(mem.MakeDirs("/r/outbound/2026/11"));  // an older svc's orphan, no journal
  SVC_REQUIRE_OK(
      mem.WriteFileAtomic("/r/outbound/2026/11/SC-26-11-01.toml",
                          WriteOutboundEntry(OutboundEntry{"SC-26-11-01", "YX-26-11-01"})));
  std::vector<std::string> problems;
  CheckSummary summary;
  SVC_REQUIRE_OK(CheckStore(
      *store, [&](const Problem& p) { problems.push_back(FormatProblem(p)); }, &summary));
  CHECK(problems == std::vector<std::string>{
                        "/r/outbound/2026/11/SC-26-11-01.toml:3: outbound record SC-26-11-01 is "
                        "registered to YX-26-11-01, but that ticket did not file it",
                        "/r/.svc.toml.tmp8.3: a temporary file left by an interrupted write ('svc "
                        "check --repair' removes it)",
                        "/r/tickets/2026/11/.YX-26-11-01.toml.tmp77: a temporary file left by an "
                        "interrupted write ('svc check --repair' removes it)",
                    });
  std::vector<std::string> said;
  SVC_REQUIRE_OK(RepairStore(*store, [&](const std::string& w) { said.push_back(w); }));
  CHECK(said.size() == 5);
  CheckClean(*store);
  CHECK_FALSE(mem.Exists("/r/tickets/2026/12"));
  CHECK(mem.IsDir("/r/tickets/2026"));
  CHECK_FALSE(mem.Exists("/r/outbound/2027"));
  CHECK(mem.IsDir("/r/outbound"));
}

// A reader rewrites .svc/index without the lock, through .svc/.index.tmp<PID>
// (kill -9 leaves it): a leftover once no process <PID> runs — reported by
// `svc check`, removed by the next lock and by --repair, each saying so — and
// never taken from a reader that runs.
TEST_CASE("fault: an index rewrite's temporary file is recovered once its reader is gone") {
  CHECK(TemporaryWriter(".index.tmp4242") == 4242);
  CHECK(TemporaryWriter(".index.tmp4242.3") == 4242);
  CHECK(TemporaryWriter(".YX-26-11-01.toml.tmp77") == 77);
  CHECK(TemporaryWriter(".index.tmpabc") == 0);
  CHECK(TemporaryWriter("index") == 0);
  MemDisk mem;
  SVC_REQUIRE_OK(Store::Init("/r", &mem));
  std::unique_ptr<Store> store;
  SVC_REQUIRE_OK(Store::Open("/r", &mem, &store));
  Classified(*store);
  const std::string dead = "/r/.svc/.index.tmp4242";
  mem.SetRunning(777);  // a reader rewriting the index
  const std::string live = "/r/.svc/.index.tmp777";
  for (const std::string& path : {dead, live, live + ".1"}) {
    SVC_REQUIRE_OK(mem.WriteFileAtomic(path, "SVCIDX"));
  }
  std::vector<std::string> problems;
  CheckSummary summary;
  SVC_REQUIRE_OK(CheckStore(
      *store, [&](const Problem& p) { problems.push_back(FormatProblem(p)); }, &summary));
  CHECK(problems == std::vector<std::string>{
                        dead + ": a temporary file left by an interrupted write ('svc check "
                               "--repair' removes it)"});
  std::vector<std::string> said;
  store->set_on_recovered([&](const std::string& w) { said.push_back(w); });
  SVC_REQUIRE_OK(Note(*store, "YX-26-11-01", "2026-11-29T09:40:00+08:00"));
  CHECK(said == std::vector<std::string>{"removed the temporary file " + dead +
                                         " of an interrupted write"});
  CHECK_FALSE(mem.Exists(dead));
  CHECK(mem.Exists(live));
  CHECK(mem.Exists(live + ".1"));
  said.clear();
  SVC_REQUIRE_OK(mem.WriteFileAtomic(dead + ".2", "SVCIDX"));
  SVC_REQUIRE_OK(RepairStore(*store, [&](const std::string& w) { said.push_back(w); }));
  CHECK(said == std::vector<std::string>{"removed the temporary file " + dead +
                                         ".2 of an interrupted write"});
  CHECK(mem.Exists(live));
  CheckClean(*store);
}

}  // namespace
}  // namespace svc
