// Vocabulary: every enumerated value of the procedure, defined once.
//
// Each Word has the word svc stores (and the command line takes), the word
// the paper forms print, the clause it serves and a short English
// gloss for help texts. A Vocabulary is one closed set of such words (the
// ticket kinds, the services, the survey's answers ...) in the order svc
// lists them. Option validation, the Chinese-synonym parsing of `svc survey`
// and `--part`, the forms' Chinese words, help texts and svc.toml's checks
// read these tables; nothing else spells a word of the procedure's lists.
//
// Department codes and routing are not vocabulary: they come from svc.toml.
#pragma once

#include "base/i18n.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace svc {

struct Word {
  std::string_view stored;  // as svc stores it: "onsite-repair"
  std::string_view zh;      // as the paper forms print it: "现场维修" ("" if they print none)
  std::string_view clause;  // "R-4.1 c"
  std::string_view gloss;   // a few English words for help texts ("" if the word says it)
  std::string_view also;    // one more word a user may type for it ("" if none)
};

class Vocabulary {
 public:
  constexpr Vocabulary(std::string_view name, std::string_view clause, std::span<const Word> words,
                       std::span<const std::string_view> printed = {})
      : name_(name), clause_(clause), words_(words), printed_(printed) {}

  std::string_view name() const { return name_; }      // "service"
  std::string_view clause() const { return clause_; }  // "R-4.1"
  std::span<const Word> words() const { return words_; }

  // The word stored as `stored`, or null.
  const Word* Find(std::string_view stored) const;
  bool Has(std::string_view stored) const { return Find(stored) != nullptr; }
  // The word a user typed: its stored word, its Chinese word or its `also`; null if none.
  const Word* Parse(std::string_view typed) const;
  // The Chinese word of `stored`; `stored` itself when it has none or is no word of the set.
  std::string_view Zh(std::string_view stored) const;
  // `stored` as text for people shows it: its Chinese word in the Chinese
  // interface (base/i18n.h), else `stored` (what JSON, CSV and files keep).
  std::string_view Shown(std::string_view stored) const { return Chinese() ? Zh(stored) : stored; }

  // The stored words in order ("support", "quality").
  std::vector<std::string> Stored() const;
  // The stored words and then the Chinese words, as error messages list what may be typed.
  std::vector<std::string> Typed() const;
  // The words in the order the paper form prints its boxes, when that differs.
  std::vector<const Word*> Printed() const;

 private:
  std::string_view name_, clause_;
  std::span<const Word> words_;
  std::span<const std::string_view> printed_;
};

// The sets, in the order svc lists them.
const Vocabulary& TicketKinds();       // support | quality
const Vocabulary& Categories();        // hardware | software | data | integration | unknown
const Vocabulary& Services();          // a-f
const Vocabulary& ApprovalRoles();     // gm | head | quality | desk
const Vocabulary& StaffRoles();        // the approval roles and engineer (svc.toml [[staff]])
const Vocabulary& CloseResults();      // completed | incomplete
const Vocabulary& VerifyResults();     // resolved | unresolved
const Vocabulary& Satisfaction();      // satisfied | unsatisfied | very-unsatisfied
const Vocabulary& Attitude();          // 1-5: 差 一般 满意 好 很好
const Vocabulary& Damage();            // none | some | severe
const Vocabulary& Cleanliness();       // good | poor
const Vocabulary& Responsibility();    // ours | customer | supplier | undetermined (R-4.5.3.1)
const Vocabulary& Complexity();        // simple | complex
const Vocabulary& PartSupplies();      // warranty | customer | returned | scrapped
const Vocabulary& UsedPartSupplies();  // a part used on site: warranty | customer
const Vocabulary& BackPartSupplies();  // a part brought back: returned | scrapped (R-4.5.3.1)
const Vocabulary& TicketStatuses();    // new | open | closed | void
const Vocabulary& Clocks();            // form ... warehousing, each with its clause (PRODUCT.md)
const Vocabulary& Forms();             // the paper forms `svc print` fills
const Vocabulary& PlanWorks();         // technical | repair | upgrade (the annual plan, R-4.5.5)
const Vocabulary& Dispositions();      // return | repair | scrap | concession (R-4.5.3.1)
const Vocabulary&
ExpenseItems();  // transport | lodging | meals | material | labour | other
// What svc.toml's [routing] names: each category, then the quality kind.
std::vector<std::string> RoutingKeys();

// The words code compares against, each spelled here once.
namespace word {
inline constexpr std::string_view kQuality = "quality";  // the kind, and the approval role
inline constexpr std::string_view kGeneralManager = "gm";
inline constexpr std::string_view kPaid = "paid";  // f
inline constexpr std::string_view kOnsiteSupport = "onsite-support";
inline constexpr std::string_view kOnsiteRepair = "onsite-repair";
inline constexpr std::string_view kOurs = "ours";
inline constexpr std::string_view kCustomer = "customer";  // responsibility, and a part's supply
inline constexpr std::string_view kUndetermined = "undetermined";
inline constexpr std::string_view kCompleted = "completed";
inline constexpr std::string_view kResolved = "resolved";
inline constexpr std::string_view kSimple = "simple";
inline constexpr std::string_view kComplex = "complex";
inline constexpr std::string_view kData = "data";  // the category of data projects (R-4.5.3.2)
inline constexpr std::string_view kWarranty = "warranty";
inline constexpr std::string_view kReturned = "returned";
inline constexpr std::string_view kSatisfied = "satisfied";
}  // namespace word

}  // namespace svc
