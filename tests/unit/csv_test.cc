// Spreadsheets for `svc import` (format/csv.h, ops/import.h): CSV as Excel,
// WPS and LibreOffice save it, UTF-8 or GB18030, headings in English or
// Chinese, and every bad row reported at its line.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "context.h"
#include "flags.h"
#include "format/csv.h"
#include "model/limits.h"
#include "ops/import.h"

using namespace svc;

namespace {

// "名称,电话\r\n国网杭州供电公司,0571-1234\r\n" in GB18030 (iconv -t GB18030).
constexpr std::string_view kGbSheet =
    "\xC3\xFB\xB3\xC6,\xB5\xE7\xBB\xB0\r\n"
    "\xB9\xFA\xCD\xF8\xBA\xBC\xD6\xDD\xB9\xA9\xB5\xE7\xB9\xAB\xCB\xBE,0571-1234\r\n";

std::vector<CsvRow> Rows(std::string_view text) {
  std::vector<CsvRow> rows;
  Status s = SplitCsvRows(text, "f.csv", &rows);
  REQUIRE_MESSAGE(s.ok(), s.message());
  return rows;
}

std::vector<std::string> Cells(std::initializer_list<const char*> cells) {
  return std::vector<std::string>(cells.begin(), cells.end());
}

ImportSheet Sheet(std::string_view bytes, ImportKind kind = ImportKind::kCustomers,
                  CsvEncoding enc = CsvEncoding::kUtf8) {
  ImportSheet sheet;
  Status s = ReadImportSheet(bytes, "f.csv", enc, kind, &sheet);
  REQUIRE_MESSAGE(s.ok(), s.message());
  return sheet;
}

std::string Error(std::string_view bytes, ImportKind kind = ImportKind::kCustomers,
                  CsvEncoding enc = CsvEncoding::kUtf8) {
  ImportSheet sheet;
  Status s = ReadImportSheet(bytes, "f.csv", enc, kind, &sheet);
  REQUIRE_FALSE(s.ok());
  return s.message();
}

std::vector<std::string> Problems(const ImportSheet& sheet) {
  std::vector<std::string> out;
  for (const ImportProblem& p : sheet.problems) out.push_back(p.Text());
  return out;
}

}  // namespace

TEST_CASE("csv: encodings by name") {
  CsvEncoding e = CsvEncoding::kUtf8;
  CHECK(ParseCsvEncoding("GB18030", &e).ok());
  CHECK(e == CsvEncoding::kGb18030);
  CHECK(ParseCsvEncoding("utf8", &e).ok());
  CHECK(e == CsvEncoding::kUtf8);
  CHECK(ParseCsvEncoding("UTF-8", &e).ok());
  Status s = ParseCsvEncoding("gbk", &e);
  CHECK(s.message() == "encoding: 'gbk' is not one of utf-8, gb18030");
  CHECK(s.field() == "encoding");
}

TEST_CASE("csv: RFC 4180 cells") {
  auto rows = Rows("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].cells == Cells({"a", "b", "c"}));
  CHECK(rows[1].cells == Cells({"1", "x, y", "say \"hi\""}));
  CHECK(rows[1].line == 2);

  SUBCASE("empty cells, and a last line without a line end") {
    rows = Rows("a,,c\n,b,");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].cells == Cells({"a", "", "c"}));
    CHECK(rows[1].cells == Cells({"", "b", ""}));
  }
  SUBCASE("CRLF, LF and a lone CR end lines alike") {
    rows = Rows("a\r\nb\nc\rd");
    REQUIRE(rows.size() == 4);
    CHECK(rows[3].cells == Cells({"d"}));
    CHECK(rows[3].line == 4);
  }
  SUBCASE("blank rows anywhere are left out; the line numbers stay the file's") {
    rows = Rows("\r\na,b\r\n,,\r\n  ,\r\nc,d\r\n\r\n,,,\r\n\r\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].line == 2);
    CHECK(rows[1].line == 5);
    CHECK(rows[1].cells == Cells({"c", "d"}));
  }
  SUBCASE("line breaks in quoted cells: newlines, and the next row's line counts them") {
    rows = Rows("name,address\r\n\"A\",\"line 1\r\nline 2\r\nline 3\"\r\n\"B\",x\r\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].line == 2);
    CHECK(rows[1].cells[1] == "line 1\nline 2\nline 3");
    CHECK(rows[2].line == 5);
    CHECK(rows[2].cells == Cells({"B", "x"}));
  }
  SUBCASE("text after a closing quote, and quotes inside an unquoted cell, are kept") {
    rows = Rows("\"a\"b,12\" screen\n");
    CHECK(rows[0].cells == Cells({"ab", "12\" screen"}));
  }
  SUBCASE("a quoted empty cell and a quoted quote") {
    rows = Rows("\"\",\"\"\"\"\n");
    CHECK(rows[0].cells == Cells({"", "\""}));
  }
}

TEST_CASE("csv: a quote never closed is an error at the line it opens") {
  std::vector<CsvRow> rows;
  Status s = SplitCsvRows("a,b\n1,2\n3,\"open\n4,5\n6,7\n", "f.csv", &rows);
  CHECK(s.message() ==
        "f.csv:3: a quoted cell has no closing quote (\"): the rest of the file would be one "
        "cell");
  REQUIRE(s.location());
  CHECK(s.location()->line == 3);
}

TEST_CASE("csv: UTF-8 with or without its byte order mark") {
  std::string text;
  REQUIRE(DecodeCsv("\xEF\xBB\xBF名称\n", "f.csv", CsvEncoding::kUtf8, &text).ok());
  CHECK(text == "名称\n");
  REQUIRE(DecodeCsv("名称\n", "f.csv", CsvEncoding::kUtf8, &text).ok());
  CHECK(text == "名称\n");
  REQUIRE(DecodeCsv("", "f.csv", CsvEncoding::kUtf8, &text).ok());
  CHECK(text.empty());
}

TEST_CASE("csv: GB18030 when asked, converted to UTF-8") {
  std::string text;
  Status s = DecodeCsv(kGbSheet, "f.csv", CsvEncoding::kGb18030, &text);
  REQUIRE_MESSAGE(s.ok(), s.message());
  CHECK(text == "名称,电话\r\n国网杭州供电公司,0571-1234\r\n");
  // Four-byte sequences too: U+20000 𠀀 and the euro sign.
  REQUIRE(DecodeCsv("\x95\x32\x82\x36,\xA2\xE3", "f.csv", CsvEncoding::kGb18030, &text).ok());
  CHECK(text == "𠀀,€");
  // Plain ASCII is the same in both.
  REQUIRE(DecodeCsv("name\nA\n", "f.csv", CsvEncoding::kGb18030, &text).ok());
  CHECK(text == "name\nA\n");

  ImportSheet sheet = Sheet(kGbSheet, ImportKind::kCustomers, CsvEncoding::kGb18030);
  REQUIRE(sheet.customers.size() == 1);
  CHECK(sheet.customers[0].name == "国网杭州供电公司");
  CHECK(sheet.customers[0].phones == Cells({"0571-1234"}));
  CHECK(sheet.customers[0].line == 2);
}

TEST_CASE("csv: bytes not valid in the encoding are an error naming their line") {
  std::string text;
  SUBCASE("GB18030 bytes read as UTF-8: the hint to give the encoding") {
    Status s = DecodeCsv(std::string("name\nA\n") + std::string(kGbSheet), "f.csv",
                         CsvEncoding::kUtf8, &text);
    CHECK(s.message() ==
          "f.csv:3: the text is not UTF-8 (bytes C3 FB B3 C6) but reads as GB18030, as a "
          "Chinese Windows saves CSV: give encoding gb18030");
    CHECK(s.field() == "encoding");  // the command line names its option
    CHECK(cli::UserText(s) ==
          "f.csv:3: the text is not UTF-8 (bytes C3 FB B3 C6) but reads as GB18030, as a "
          "Chinese Windows saves CSV: give --encoding gb18030");
    CHECK(s.code() == Status::Code::kInvalidArgument);
  }
  SUBCASE("neither UTF-8 nor GB18030") {
    Status s = DecodeCsv("name\nA\nB\x80\n", "f.csv", CsvEncoding::kUtf8, &text);
    CHECK(s.message() ==
          "f.csv:3: the text is neither UTF-8 nor GB18030 (bytes 80 0A): save the sheet as \"CSV "
          "UTF-8\"");
  }
  SUBCASE("bytes that are not GB18030") {
    Status s = DecodeCsv("\xC3\xFB\xB3\xC6\r\nA\r\n\xC3\xFB\x81\x20\r\n", "f.csv",
                         CsvEncoding::kGb18030, &text);
    CHECK(s.message() == "f.csv:3: the text is not GB18030 (bytes 81 20 0D 0A)");
    CHECK(s.code() == Status::Code::kCorruption);
  }
  SUBCASE("a GB18030 character cut short at the end") {
    Status s = DecodeCsv("name\n\xC3", "f.csv", CsvEncoding::kGb18030, &text);
    CHECK(s.message() == "f.csv:2: the text is not GB18030 (bytes C3)");
  }
  SUBCASE("UTF-8 read as GB18030 would be garbled: refused") {
    Status s = DecodeCsv("名称\n国网\n", "f.csv", CsvEncoding::kGb18030, &text);
    CHECK(s.message() == "f.csv:1: the text is UTF-8, not GB18030: leave out encoding gb18030");
    s = DecodeCsv("\xEF\xBB\xBFname\n", "f.csv", CsvEncoding::kGb18030, &text);
    CHECK(s.message() == "f.csv:1: the text is UTF-8, not GB18030: leave out encoding gb18030");
  }
  SUBCASE("UTF-16 (Excel's Unicode Text)") {
    Status s = DecodeCsv(std::string_view("\xFF\xFEn\0a\0", 6), "f.csv", CsvEncoding::kUtf8, &text);
    CHECK(s.message() ==
          "f.csv:1: the text is UTF-16 (Excel's \"Unicode Text\"): save the sheet as \"CSV "
          "UTF-8\"");
  }
}

TEST_CASE("csv: a file larger than 16 MiB is refused") {
  std::string big(kMaxImportBytes + 1, 'a');
  std::string text;
  Status s = DecodeCsv(big, "f.csv", CsvEncoding::kUtf8, &text);
  CHECK(s.message() == "f.csv is larger than 16 MiB (16777216 bytes): svc reads at most that");
  big.pop_back();
  CHECK(DecodeCsv(big, "f.csv", CsvEncoding::kUtf8, &text).ok());
}

TEST_CASE("csv: headings as compared") {
  CHECK(NormalizeHeading("  Name ") == "name");
  CHECK(NormalizeHeading("Warranty Until") == "warranty_until");
  CHECK(NormalizeHeading("project-no") == "project_no");
  CHECK(NormalizeHeading("\u3000客户名称\u3000") == "客户名称");
  CHECK(NormalizeHeading("*客户名称") == "客户名称");
  CHECK(NormalizeHeading("名称＊ ") == "名称");
  CHECK(NormalizeHeading("\u00A0") == "");
  CHECK(TrimCell("\u3000 a b \u00A0") == "a b");
}

TEST_CASE("import: Chinese headings of a customer sheet") {
  ImportSheet sheet = Sheet(
      "\xEF\xBB\xBF客户名称,简称,联系人,联系电话,手机,地址,重点客户\r\n"
      "国网杭州供电公司,杭供、杭州局,王工,0571-88880000,13800000000,\"杭州市\r\n上城区\",是\r\n"
      "宁波钢铁有限公司,,李工,\"0574-1111;0574-2222\",,宁波,否\r\n");
  CHECK(sheet.problems.empty());
  CHECK(sheet.notes.empty());
  CHECK(sheet.table.keys == Cells({"name", "alias", "contact", "phone", "address", "key"}));
  CHECK(sheet.table.headings ==
        Cells({"客户名称", "简称", "联系人", "联系电话", "地址", "重点客户"}));
  REQUIRE(sheet.customers.size() == 2);
  const CustomerRow& a = sheet.customers[0];
  CHECK(a.line == 2);
  CHECK(a.name == "国网杭州供电公司");
  CHECK(a.aliases == Cells({"杭供", "杭州局"}));
  CHECK(a.contacts == Cells({"王工"}));
  CHECK(a.phones == Cells({"0571-88880000", "13800000000"}));  // 联系电话 and 手机 both
  CHECK(a.addresses == Cells({"杭州市 上城区"}));              // a line break in a cell
  CHECK(a.key);
  const CustomerRow& b = sheet.customers[1];
  CHECK(b.line == 4);  // the address above spans lines 2-3
  CHECK(b.phones == Cells({"0574-1111", "0574-2222"}));
  CHECK(b.aliases.empty());
  CHECK_FALSE(b.key);
}

TEST_CASE("import: English headings of an equipment sheet, any case") {
  ImportSheet sheet = Sheet(
      "Customer,Serial,Product,Model,Commissioned,Warranty Until,Project No,Location\n"
      "K0001,SN-001,GIS,ZF7-126,2024/1/5,2027-01-04,P-7,1# 主变\n"
      "国网杭州供电公司,SN-002,开关柜,,,,,\n",
      ImportKind::kEquipment);
  CHECK(sheet.problems.empty());
  REQUIRE(sheet.equipment.size() == 2);
  const EquipmentRow& e = sheet.equipment[0];
  CHECK(e.customer == "K0001");
  CHECK(e.serial == "SN-001");
  CHECK(e.product == "GIS");
  CHECK(e.model == "ZF7-126");
  CHECK(e.commissioned == Date{2024, 1, 5});
  CHECK(e.warranty_until == Date{2027, 1, 4});
  CHECK(e.project_no == "P-7");
  CHECK(e.location == "1# 主变");
  CHECK_FALSE(sheet.equipment[1].commissioned);
  CHECK(sheet.equipment[1].model.empty());
}

TEST_CASE("import: Chinese headings of an equipment sheet") {
  ImportSheet sheet = Sheet(
      "客户编号,出厂编号,产品名称,规格型号,投运日期,质保期至,工程编号,安装地点\n"
      "K0002,0901,开关柜,KYN28,2023年3月1日,2026.2.28,GC-1,10kV 配电室\n",
      ImportKind::kEquipment);
  REQUIRE(sheet.equipment.size() == 1);
  CHECK(sheet.equipment[0].commissioned == Date{2023, 3, 1});
  CHECK(sheet.equipment[0].warranty_until == Date{2026, 2, 28});
  CHECK(sheet.equipment[0].location == "10kV 配电室");
}

TEST_CASE("import: the heading row") {
  SUBCASE("unknown columns are left out, with one note naming them") {
    ImportSheet sheet = Sheet("备注,名称,传真,,电话\n旧客户,A公司,0571-1,,0571-2\n");
    CHECK(sheet.problems.empty());
    CHECK(sheet.table.ignored == Cells({"备注", "传真"}));
    REQUIRE(sheet.notes.size() == 1);
    CHECK(sheet.notes[0] ==
          "f.csv:1: columns left out: 备注, 传真 (the columns read: "
          "name/名称/客户名称/客户/单位名称, "
          "alias/别名/简称/客户简称, contact/联系人, "
          "phone/电话/联系电话/手机/手机号/联系方式, address/地址/客户地址/通讯地址, "
          "key/重点客户/重点)");
    REQUIRE(sheet.customers.size() == 1);
    CHECK(sheet.customers[0].name == "A公司");
    CHECK(sheet.customers[0].phones == Cells({"0571-2"}));
  }
  SUBCASE("list columns named by several headings: each cell read, repeats once") {
    ImportSheet sheet = Sheet(
        "名称,电话,手机,地址,通讯地址,联系人\n"
        "A,0571-1、0571-2,0571-2,\"杭州市，\n上城区\",杭州市 江干区,\"王工\n李工\"\n");
    REQUIRE(sheet.customers.size() == 1);
    CHECK(sheet.customers[0].phones == Cells({"0571-1", "0571-2"}));
    CHECK(sheet.customers[0].addresses == Cells({"杭州市， 上城区", "杭州市 江干区"}));
    CHECK(sheet.customers[0].contacts == Cells({"王工", "李工"}));
    CHECK(sheet.table.columns == std::vector<std::vector<size_t>>{{0}, {1, 2}, {3, 4}, {5}});
  }
  SUBCASE("the heading row is the first that is not blank") {
    ImportSheet sheet = Sheet(",,\n\nname\nA\n");
    CHECK(sheet.table.heading_line == 3);
    REQUIRE(sheet.customers.size() == 1);
    CHECK(sheet.customers[0].line == 4);
  }
  SUBCASE("a required column missing: all of them named") {
    CHECK(Error("客户,型号\nK0001,X\n", ImportKind::kEquipment) ==
          "f.csv:1: the heading row (the first row that is not blank) names no column "
          "serial/序列号/出厂编号, no column product/产品/产品名称 (the columns: "
          "customer/客户/客户名称/客户编号, serial/序列号/出厂编号, product/产品/产品名称, "
          "model/型号/规格型号, commissioned/投运日期/投运时间, "
          "warranty_until/质保期至/保修截止/质保截止, project_no/项目号/工程编号, "
          "location/安装地点/位置)");
  }
  SUBCASE("a title row above the headings") {
    std::string e = Error("客户档案,,\n名称,电话,地址\nA,1,x\n");
    CHECK(
        e.starts_with("f.csv:1: the heading row (the first row that is not blank) names no "
                      "column name/名称/客户名称/客户/单位名称 (the columns: "));
  }
  SUBCASE("a heading written twice") {
    CHECK(Error("名称,电话, 电话 \nA,1,2\n")
              .starts_with("f.csv:1: the heading '电话' names two columns (the columns: "));
    CHECK(Error("Name,name\nA,B\n").starts_with("f.csv:1: the heading 'name' names two columns"));
  }
  SUBCASE("two headings of one column that takes one value") {
    CHECK(
        Error("名称,客户名称\nA,B\n")
            .starts_with(
                "f.csv:1: the headings '名称' and '客户名称' both name the column name: keep one"));
  }
  SUBCASE("an empty file, or only blank rows") {
    CHECK(Error("").starts_with("f.csv:1: the file holds no heading row and no rows"));
    CHECK(Error("\xEF\xBB\xBF,,\r\n\r\n").starts_with("f.csv:1: the file holds no heading row"));
  }
  SUBCASE("a sheet of the other kind") {
    CHECK(Error("客户,序列号,产品\nA,S1,GIS\n") ==
          "f.csv:1: the column '序列号' is equipment's: is this a sheet of equipment?");
    CHECK(Error("客户名称,Serial,Product,重点客户\nA,S1,GIS,是\n", ImportKind::kEquipment) ==
          "f.csv:1: the column '重点客户' is a customer's: is this a sheet of customers?");
  }
  SUBCASE("headings only: no rows, nothing to import") {
    ImportSheet sheet = Sheet("名称,电话\r\n");
    CHECK(sheet.customers.empty());
    CHECK(sheet.problems.empty());
  }
}

TEST_CASE("import: every bad row reported at once, each at the line it starts on") {
  ImportSheet sheet = Sheet(
      "客户名称,简称,联系人,电话,地址,重点客户\n"  // 1
      "A公司,,,,,是\n"                             // 2: good
      ",甲,,,,\n"                                  // 3: no name
      "\"B\n公司\",,,,,maybe\n"                    // 4-5: a newline in the name, key unreadable
      "C公司,,,\x1b[31m,,\n"                       // 6: a control character
      "A公司,,,,,\n"                               // 7: name on line 2 too
      "D公司,,,,,,extra,more\n"                    // 8: cells beyond the headings
      "E公司,,,,,\n" +                             // 9: good
      std::string("F") +
      std::string(kMaxImportValueChars, 'x') + ",,,,,\n");  // 10: too long
  CHECK(Problems(sheet) ==
        Cells({
            "f.csv:3: 客户名称 is empty",
            "f.csv:4: 客户名称 holds a newline (U+000A): it takes one line; 重点客户: 'maybe' is "
            "not yes or no (yes/no, 是/否, Y/N, 1/0, true/false; empty is no)",
            "f.csv:6: 电话 holds the control character U+001B",
            "f.csv:7: 客户名称 'A公司' is on line 2 too",
            "f.csv:8: 2 cells stand beyond the last column the heading row (line 1) names: a comma "
            "in a cell that is not quoted?",
            "f.csv:10: 客户名称 is longer than 200 characters (201)",
        }));
  REQUIRE(sheet.customers.size() == 2);  // the good rows, which the importer will not take alone
  CHECK(sheet.customers[1].line == 9);
}

TEST_CASE("import: long numbers a spreadsheet shortened") {
  ImportSheet sheet = Sheet(
      "customer,serial,product,project_no\nK1,1.23457E+11,GIS,2E+5\nK1,123456789012,GIS,1.5\n",
      ImportKind::kEquipment);
  CHECK(Problems(sheet) ==
        Cells({"f.csv:2: serial '1.23457E+11' is a number the spreadsheet shortened: format the "
               "column as text and save again; project_no '2E+5' is a number the spreadsheet "
               "shortened: format the column as text and save again"}));
  sheet = Sheet("名称,电话\nA,1.38E+10、0571-1\n");
  CHECK(Problems(sheet) ==
        Cells({"f.csv:2: 电话 '1.38E+10' is a number the spreadsheet shortened: format the column "
               "as text and save again"}));
}

TEST_CASE("import: bad equipment rows") {
  ImportSheet sheet = Sheet(
      "客户,序列号,产品,投运日期,质保期至\n"
      "K0001,S1,GIS,2024-13-01,\n"
      "K0001,,,,\n"
      "K0001,S2,GIS,2025-01-01,2024-12-31\n"
      "K0001,S1,GIS,45678,1899-12-31\n",
      ImportKind::kEquipment);
  CHECK(Problems(sheet) ==
        Cells({
            "f.csv:2: 投运日期: '2024-13-01' is not a date: write YYYY-MM-DD (2026/1/5 and "
            "2026年1月5日 do too)",
            "f.csv:3: 序列号 is empty; 产品 is empty",
            "f.csv:4: 质保期至 2024-12-31 is before 投运日期 2025-01-01",
            "f.csv:5: 投运日期: '45678' is not a date: write YYYY-MM-DD (2026/1/5 and 2026年1月5日 "
            "do too); a spreadsheet's day number? format the column as a date before saving; "
            "质保期至: '1899-12-31' is not a year from 1900 to 2099; 序列号 'S1' is on line 2 too",
        }));
  CHECK(sheet.equipment.empty());
}

TEST_CASE("import: rows against the records") {
  ImportLookups records;
  records.customer_code = [](std::string_view text) -> std::string {
    if (text == "K0001" || text == "国网杭州供电公司" || text == "杭供") return "K0001";
    return "";
  };
  records.serial_owner = [](std::string_view serial) -> std::string {
    return serial == "S-OLD" ? "K0001" : "";
  };
  SUBCASE("customers: a name on file already") {
    ImportSheet sheet = Sheet("名称,重点\n国网杭州供电公司,是\n新客户,\n杭供,maybe\n");
    CheckAgainstRecords("f.csv", records, &sheet);
    CHECK(Problems(sheet) ==
          Cells({"f.csv:2: 名称 '国网杭州供电公司' is on file already, as K0001",
                 "f.csv:4: 重点: 'maybe' is not yes or no (yes/no, 是/否, Y/N, 1/0, true/false; "
                 "empty is no); 名称 '杭供' is on file already, as K0001"}));
    REQUIRE(sheet.customers.size() == 1);
    CHECK(sheet.customers[0].name == "新客户");
  }
  SUBCASE("equipment: its customer not on file, its serial registered already") {
    ImportSheet sheet = Sheet(
        "客户,序列号,产品,投运日期\n"
        "杭供,S-1,GIS,\n"
        "某公司,S-OLD,GIS,\n"
        "K0001,S-OLD,GIS,2026-02-30\n"
        "K0001,S-2,GIS,\n",
        ImportKind::kEquipment);
    CheckAgainstRecords("f.csv", records, &sheet);
    CHECK(Problems(sheet) ==
          Cells({"f.csv:3: 客户 '某公司' is no customer on file (give a code such as K0001, a name "
                 "or an alias); 序列号 'S-OLD' is registered already, to K0001",
                 "f.csv:4: 投运日期: '2026-02-30' is not a date: write YYYY-MM-DD (2026/1/5 and "
                 "2026年1月5日 do too); 序列号 'S-OLD' is on line 3 too; 序列号 'S-OLD' is "
                 "registered already, to K0001"}));
    REQUIRE(sheet.equipment.size() == 2);
    CHECK(sheet.equipment[0].serial == "S-1");
    CHECK(sheet.equipment[1].serial == "S-2");
  }
}

TEST_CASE("import: dates as spreadsheets write them") {
  struct Case {
    const char* text;
    Date want;
  };
  for (Case c : {Case{"2026-01-05", {2026, 1, 5}}, Case{"2026/1/5", {2026, 1, 5}},
                 Case{"2026/01/05", {2026, 1, 5}}, Case{"2026.1.5", {2026, 1, 5}},
                 Case{"2026-1-5", {2026, 1, 5}}, Case{"2026年1月5日", {2026, 1, 5}},
                 Case{"2026年01月05日", {2026, 1, 5}}, Case{" 2024/2/29 ", {2024, 2, 29}},
                 Case{"1900-01-01", {1900, 1, 1}}}) {
    CAPTURE(c.text);
    Date d;
    Status s = ParseSheetDate(c.text, &d);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(d == c.want);
  }
  for (const char* bad :
       {"", "2026", "2026-1", "2026-01-05x", "2026/1-5", "2025/2/29", "26/1/5", "2026/001/5",
        "2026年1月", "5/1/2026", "2026-00-10", "20260105", "2026/1/5 0:00"}) {
    CAPTURE(bad);
    Date d;
    CHECK_FALSE(ParseSheetDate(bad, &d).ok());
  }
  Date d;
  CHECK(ParseSheetDate("2100-01-01", &d).message() ==
        "'2100-01-01' is not a year from 1900 to 2099");
}

TEST_CASE("import: yes or no") {
  for (const char* yes : {"yes", "YES", "True", "y", "Y", "1", "是", " 是 "}) {
    CAPTURE(yes);
    bool v = false;
    REQUIRE(ParseYesNo(yes, &v).ok());
    CHECK(v);
  }
  for (const char* no : {"no", "No", "false", "n", "N", "0", "否", "", "\u3000"}) {
    CAPTURE(no);
    bool v = true;
    REQUIRE(ParseYesNo(no, &v).ok());
    CHECK_FALSE(v);
  }
  bool v = false;
  CHECK(ParseYesNo("重点", &v).message() ==
        "'重点' is not yes or no (yes/no, 是/否, Y/N, 1/0, true/false; empty is no)");
}

TEST_CASE("import: several values in one cell") {
  CHECK(SplitSheetList("0571-1、0571-2;0571-3；0571-4,0571-5，0571-6/0571-7\n0571-8") ==
        Cells({"0571-1", "0571-2", "0571-3", "0571-4", "0571-5", "0571-6", "0571-7", "0571-8"}));
  CHECK(SplitSheetList(" 杭供 、、 杭供 ;杭州局 ") == Cells({"杭供", "杭州局"}));
  CHECK(SplitSheetList("").empty());
  CHECK(SplitSheetList(" ; ").empty());
}

TEST_CASE("import: kinds by name") {
  ImportKind k = ImportKind::kCustomers;
  CHECK(ParseImportKind("equipment", &k).ok());
  CHECK(k == ImportKind::kEquipment);
  Status s = ParseImportKind("customer", &k);
  CHECK(s.message() == "'customer' is not a kind to import: customers or equipment");
  CHECK(s.field().empty());
}

TEST_CASE("import: a thousand rows, with line breaks in cells") {
  std::string csv = "\xEF\xBB\xBF名称,电话,地址,重点客户\r\n";
  for (int i = 1; i <= 1000; ++i) {
    csv += "客户" + std::to_string(i) + ",0571-" + std::to_string(10000 + i) + "、138" +
           std::to_string(10000000 + i) + ",\"浙江省\r\n杭州市 " + std::to_string(i) + " 号\"," +
           (i % 3 == 0 ? "是" : "") + "\r\n";
  }
  ImportSheet sheet = Sheet(csv);
  CHECK(sheet.problems.empty());
  REQUIRE(sheet.customers.size() == 1000);
  CHECK(sheet.customers[999].name == "客户1000");
  CHECK(sheet.customers[999].line == 2 + 999 * 2);  // each row takes two lines
  CHECK(sheet.customers[999].phones == Cells({"0571-11000", "13810001000"}));
  CHECK(sheet.customers[999].addresses == Cells({"浙江省 杭州市 1000 号"}));
  CHECK_FALSE(sheet.customers[999].key);
  CHECK(sheet.customers[998].key);
}

TEST_CASE("import: the file as the command line reads it") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("svc_csv_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string file = (dir / "k.csv").string();
  std::ofstream(file, std::ios::binary) << "\xEF\xBB\xBF名称\r\nA\r\n";
  std::string bytes;
  REQUIRE(cli::ReadImportFile(file, &bytes).ok());
  CHECK(bytes == "\xEF\xBB\xBF名称\r\nA\r\n");  // as it is: CRLF kept for the CSV reader

  CHECK(cli::ReadImportFile((dir / "none.csv").string(), &bytes).message() ==
        (dir / "none.csv").string() + " does not exist");
  CHECK(cli::ReadImportFile(dir.string(), &bytes).message() ==
        dir.string() + " is a folder: give a regular file, or '-' for standard input");
  std::string fifo = (dir / "pipe.csv").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(cli::ReadImportFile(fifo, &bytes).message() ==
        fifo + " is a named pipe: give a regular file, or '-' for standard input");
  std::ofstream(file, std::ios::binary | std::ios::trunc);
  fs::resize_file(file, kMaxImportBytes + 1);  // sparse: nothing written
  CHECK(cli::ReadImportFile(file, &bytes).message() ==
        file + " is larger than 16 MiB (16777216 bytes): svc reads at most that");
  fs::resize_file(file, kMaxInputBytes + 1);  // the description's bound is unchanged
  CHECK(cli::ReadInput(file, &bytes).message() ==
        file + " is larger than 1 MiB (1048576 bytes): svc reads at most that");
  fs::remove_all(dir);
}
