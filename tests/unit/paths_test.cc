// The records directory's file names, built and parsed back (paths.h).
#include "storage/paths.h"

#include <doctest/doctest.h>

#include <string>

namespace svc {
namespace {

TEST_CASE("paths: every file of the records directory") {
  DocNumber yx{"YX", 2026, 11, 1, 2};
  DocNumber zc{"ZC1", 2027, 1, 100, 3};
  CHECK(TicketPath(yx) == "tickets/2026/11/YX-26-11-01.toml");
  CHECK(TicketPath(zc) == "tickets/2027/01/ZC1-27-01-100.toml");
  CHECK(DuplicatePath(yx, 1) == "tickets/2026/11/YX-26-11-01.dup.toml");
  CHECK(DuplicatePath(yx, 2) == "tickets/2026/11/YX-26-11-01.dup2.toml");
  CHECK(OutboundPath(DocNumber{"SC", 2026, 11, 1, 2}) == "outbound/2026/11/SC-26-11-01.toml");
  CHECK(OutboundPath(DocNumber{"ZC1", 2027, 1, 12, 3}) == "outbound/2027/01/ZC1-27-01-012.toml");
  CHECK(MonthFolder(kTicketsFolder, 2026, 3) == "tickets/2026/03");
  CHECK(MonthFolder(kOutboundFolder, 2027, 12) == "outbound/2027/12");
  CHECK(TemplatePath("info.md") == "templates/info.md.mustache");
  CHECK(ConfigPath() == "svc.toml");
  CHECK(PriceListPath() == "parts.toml");
  CHECK(GitIgnorePath() == ".gitignore");
  CHECK(GitAttributesPath() == ".gitattributes");
  CHECK(LocalFolder() == ".svc");
  CHECK(LockPath() == ".svc/lock");
  CHECK(IndexPath() == ".svc/index");
  CHECK(InRoot(".", "svc.toml") == "svc.toml");
  CHECK(InRoot("/data/records", "svc.toml") == "/data/records/svc.toml");
  CHECK(InRoot("../..", ".svc/index") == "../../.svc/index");
}

TEST_CASE("paths: a scan's names parsed back") {
  struct Row {
    const char* name;
    bool record;    // *.toml
    bool numbered;  // a ticket's or record's own file name
  };
  const Row rows[] = {
      {"YX-26-11-01.toml", true, true},      {"ZC1-27-01-100.toml", true, true},
      {"YX-26-11-01.dup.toml", true, false}, {"junk.toml", true, false},
      {"yx-26-11-01.toml", true, false},     {"YX-26-11-00.toml", true, false},
      {"YX-26-11-01", false, false},         {"YX-26-11-01.toml.bak", false, false},
      {"notes.txt", false, false},           {"../YX-26-11-01.toml", true, false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    CHECK(IsRecordFileName(row.name) == row.record);
    DocNumber n;
    CHECK(ParseRecordFileName(row.name, &n) == row.numbered);
    if (row.numbered)
      CHECK(TicketPath(n) == MonthFolder(kTicketsFolder, n.year, n.month) + "/" + row.name);
  }
  CHECK(IsYearFolderName("2026"));
  CHECK_FALSE(IsYearFolderName("20260"));
  CHECK_FALSE(IsYearFolderName("misc"));
  CHECK(IsMonthFolderName("01"));
  CHECK_FALSE(IsMonthFolderName("1"));
  CHECK(IsHiddenName(".YX-26-11-01.toml.tmp123"));
  CHECK_FALSE(IsHiddenName("YX-26-11-01.toml"));
  DocNumber yx{"YX", 2026, 11, 1, 2};
  CHECK(HoldsNumber("YX-26-11-01.toml", yx));
  CHECK(HoldsNumber("YX-26-11-01.dup2.toml", yx));
  CHECK_FALSE(HoldsNumber("YX-26-11-010.toml", yx));
  CHECK_FALSE(HoldsNumber("YX-26-11-01.toml.bak", yx));
  std::string root;
  CHECK(KindOfPath("records/tickets/2026/11/YX-26-11-01.toml", &root) == &TicketKind());
  CHECK(root == "records");
  CHECK(KindOfPath("tickets/2026/11/YX-26-11-01.toml", &root) == &TicketKind());
  CHECK(root == ".");
  CHECK(KindOfPath("/a/b/tickets/2026/11/YX-26-11-01.toml", &root) == &TicketKind());
  CHECK(root == "/a/b");
}

}  // namespace
}  // namespace svc
