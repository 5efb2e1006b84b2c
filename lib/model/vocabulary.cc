#include "model/vocabulary.h"

#include "base/i18n.h"

#include <array>

namespace svc {
namespace {

using namespace word;

constexpr Word kKinds[] = {
    {"support", "技术支持", "R-4.2.1", "technical support", ""},
    {kQuality, "质量信息", "R-4.2.1", "quality information", ""},
};

constexpr Word kCategories[] = {
    {"hardware", "硬件", "R-4.4.1", "", ""},    {"software", "软件", "R-4.4.1", "", ""},
    {"data", "数据", "R-4.4.1", "", ""},        {"integration", "系统集成", "R-4.4.1", "", ""},
    {"unknown", "无法判断", "R-4.4.1", "", ""},
};

constexpr Word kServices[] = {
    {"training", "出厂培训", "R-4.1 a", "training at the factory", ""},
    {kOnsiteSupport, "现场技术支持", "R-4.1 b", "on-site technical support", ""},
    {kOnsiteRepair, "现场维修", "R-4.1 c", "on-site repair", ""},
    {"info", "信息服务", "R-4.1 d", "information service", ""},
    {"mail-parts", "邮寄备件", "R-4.1 e", "mailing parts", ""},
    {kPaid, "有偿服务", "R-4.1 f", "paid service", ""},
};

constexpr Word kApprovalRoles[] = {
    {kGeneralManager, "总经理", "R-4.2.2", "general manager", ""},
    {"head", "部门负责人", "R-4.2.2", "", ""},
    {kQuality, "质量部", "R-4.2.2", "", ""},
    {"desk", "客服", "R-4.2.2", "", ""},
    {kCustomer, "客户", "R-4.3.3", "the customer's endorsement of the corrective action", ""},
};

constexpr Word kStaffRoles[] = {
    kApprovalRoles[0],
    kApprovalRoles[1],
    kApprovalRoles[2],
    kApprovalRoles[3],
    {"engineer", "技术人员", "R-4.4.2", "", ""},
};

constexpr Word kCloseResults[] = {
    {kCompleted, "完成", "R-4.5.1", "", ""},
    {"incomplete", "未完成", "R-4.5.1", "", ""},
};

constexpr Word kVerifyResults[] = {
    {kResolved, "已解决", "R-4.4.1", "", ""},
    {"unresolved", "未解决", "R-4.4.1", "", ""},
};

constexpr Word kSatisfaction[] = {
    {kSatisfied, "满意", "R-4.5.1", "", ""},
    {"unsatisfied", "不满意", "R-4.5.1", "", ""},
    {"very-unsatisfied", "非常不满意", "R-4.5.1", "", ""},
};

constexpr Word kAttitude[] = {
    {"1", "差", "R-7", "", ""}, {"2", "一般", "R-7", "", ""}, {"3", "满意", "R-7", "", ""},
    {"4", "好", "R-7", "", ""}, {"5", "很好", "R-7", "", ""},
};

constexpr Word kDamage[] = {
    {"none", "无", "R-7", "", ""},
    {"some", "有", "R-7", "", ""},
    {"severe", "严重", "R-7", "", ""},
};
// The outbound record's boxes read 有/无/严重.
constexpr std::string_view kDamagePrinted[] = {"some", "none", "severe"};

constexpr Word kCleanliness[] = {
    {"good", "好", "R-7", "", ""},
    {"poor", "不好", "R-7", "", ""},
};

constexpr Word kResponsibility[] = {
    {kOurs, "我方", "R-4.5.3.1", "", ""},
    {kCustomer, "客户", "R-4.5.3.1", "", ""},
    {"supplier", "供应商", "R-4.5.3.1", "", ""},
    {kUndetermined, "未定", "R-4.5.3.1", "", ""},
};

constexpr Word kComplexity[] = {
    {kSimple, "简单", "R-4.4.4", "24 h", ""},  // R-4.4.4's limit (svc.toml [clocks] may change it)
    {kComplex, "复杂", "R-4.4.4", "48 h", ""},
};

constexpr Word kSupplies[] = {
    {kWarranty, "三包", "R-7", "", ""},
    {kCustomer, "自购", "R-7", "customer-bought", ""},
    {kReturned, "返回", "R-4.5.3.1", "", ""},
    {"scrapped", "报废", "R-4.5.3.1", "", ""},
};

constexpr Word kStatuses[] = {
    {"new", "新建", "R-4.2.1", "", ""},
    {"open", "处理中", "R-4.2.1", "", ""},
    {"closed", "已关闭", "R-4.5.1", "", ""},
    {"void", "作废", "R-4.5.2", "", ""},
};

constexpr Word kClocks[] = {
    {"form", "填单", "R-4.2.1", "", ""},
    {"response", "响应", "Table 2", "", ""},
    {"notify", "上报总经理", "R-4.2.2", "a major quality problem reported at once", ""},
    {"analysis", "原因分析", "R-4.2.2", "", ""},
    {"plan", "技术服务方案", "R-4.2.2", "", ""},
    {"application", "外出服务申请", "R-4.4.2", "", ""},
    {"arrival", "到达现场", "Table 2", "", ""},
    {"repair", "维修", "R-4.4.4", "", ""},
    {"verify", "结果确认", "R-4.4.1", "", ""},
    {"survey", "满意度调查", "R-4.5.1", "", ""},
    {"follow-up", "跟踪处理", "R-4.5.1", "an unsatisfied survey or unresolved verification", ""},
    {"warehousing", "入库", "R-4.5.3.1", "", ""},
    {"visit-report", "走访报告", "R-4.6 a", "", ""},
    {"visit", "重点客户走访", "R-4.6 a", "", ""},
    {"annual-plan", "年度服务计划", "R-4.5.5", "", ""},
};

// the work an item of the annual service plan schedules.
constexpr Word kPlanWorks[] = {
    {"technical", "技术服务", "R-4.5.5", "scheduled technical service", ""},
    {"repair", "维修", "R-4.5.5", "", ""},
    {"upgrade", "升级", "R-4.5.5", "", ""},
};

// R-4.5.3.1: what becomes of the parts a nonconformity report names (处置).
constexpr Word kDispositions[] = {
    {"return", "退货", "R-4.5.3.1", "returned to the supplier", "退回"},
    {"repair", "返修", "R-4.5.3.1", "reworked", ""},
    {"scrap", "报废", "R-4.5.3.1", "scrapped", ""},
    {"concession", "让步接收", "R-4.5.3.1", "accepted under concession", ""},
};

// R-3.1 (借支与核销), R-4.5.4: what an outbound record's actual costs were spent on.
constexpr Word kExpenseItems[] = {
    {"transport", "交通", "R-3.1", "travel there and back", "交通费"},
    {"lodging", "住宿", "R-3.1", "hotel nights", "住宿费"},
    {"meals", "餐费", "R-3.1", "meals and allowances", "伙食"},
    {"material", "材料", "R-3.1", "material and parts bought", "材料费"},
    {"labour", "人工", "R-3.1", "outside labour", "人工费"},
    {"other", "其他", "R-3.1", "anything else", ""},
};

constexpr Word kForms[] = {
    {"info", "售后信息处理单", "R-4.2.1", "", ""},
    {"outbound", "外出服务记录表", "R-4.4.3", "", ""},
    {"repair", "售后服务维修记录单", "R-7", "", ""},
    {"survey", "售后满意度调查表", "R-4.5.1", "", ""},
    {"quote", "", "R-4.4.3", "", ""},
    {"collection", "售后服务信息收集表", "R-7", "", ""},
    {"visit", "顾客走访记录", "R-4.6 a", "", ""},
    {"annual-plan", "年度服务计划", "R-4.5.5", "", ""},
    {"plan", "售后服务方案", "R-6.2", "", ""},
    {"application", "外出服务申请单", "R-4.4.2", "", ""},
    {"warehouse", "入库单", "R-4.5.3.1", "", ""},
    {"nonconformity", "不合格品报告处理单", "R-4.5.3.1", "", ""},
    {"writeoff", "费用核销单", "R-4.5.4", "", ""},
};

}  // namespace

const Word* Vocabulary::Find(std::string_view stored) const {
  for (const Word& w : words_) {
    if (w.stored == stored) return &w;
  }
  return nullptr;
}

const Word* Vocabulary::Parse(std::string_view typed) const {
  for (const Word& w : words_) {
    if (typed == w.stored || (!w.zh.empty() && typed == w.zh) ||
        (!w.also.empty() && typed == w.also)) {
      return &w;
    }
  }
  return nullptr;
}

std::string_view Vocabulary::Zh(std::string_view stored) const {
  const Word* w = Find(stored);
  return w && !w->zh.empty() ? w->zh : stored;
}

std::vector<std::string> Vocabulary::Stored() const {
  std::vector<std::string> out;
  for (const Word& w : words_) out.emplace_back(w.stored);
  return out;
}

std::vector<std::string> Vocabulary::Typed() const {
  std::vector<std::string> out = Stored();
  for (const Word& w : words_) {
    if (!w.zh.empty()) out.emplace_back(w.zh);
  }
  return out;
}

std::vector<const Word*> Vocabulary::Printed() const {
  std::vector<const Word*> out;
  if (printed_.empty()) {
    for (const Word& w : words_) out.push_back(&w);
  } else {
    for (std::string_view s : printed_) out.push_back(Find(s));
  }
  return out;
}

#define SVC_VOCABULARY(Function, name, clause, ...)                     \
  const Vocabulary& Function() {                                        \
    static constexpr Vocabulary kVocabulary(name, clause, __VA_ARGS__); \
    return kVocabulary;                                                 \
  }

SVC_VOCABULARY(TicketKinds, N_("kind"), "R-4.2.1", kKinds)
SVC_VOCABULARY(Categories, N_("category"), "R-4.4.1", kCategories)
SVC_VOCABULARY(Services, N_("service"), "R-4.1", kServices)
SVC_VOCABULARY(ApprovalRoles, N_("role"), "R-4.2.2", kApprovalRoles)
SVC_VOCABULARY(StaffRoles, N_("role"), "R-4.2.2", kStaffRoles)
SVC_VOCABULARY(CloseResults, N_("result"), "R-4.5.1", kCloseResults)
SVC_VOCABULARY(VerifyResults, N_("result"), "R-4.4.1", kVerifyResults)
SVC_VOCABULARY(Satisfaction, N_("satisfaction"), "R-4.5.1", kSatisfaction)
SVC_VOCABULARY(Attitude, N_("attitude"), "R-7", kAttitude)
SVC_VOCABULARY(Damage, N_("damage"), "R-7", kDamage, kDamagePrinted)
SVC_VOCABULARY(Cleanliness, N_("cleanliness"), "R-7", kCleanliness)
SVC_VOCABULARY(Responsibility, N_("responsibility"), "R-4.5.3.1", kResponsibility)
SVC_VOCABULARY(Complexity, N_("complexity"), "R-4.4.4", kComplexity)
SVC_VOCABULARY(PartSupplies, N_("supply"), "R-7", kSupplies)
SVC_VOCABULARY(UsedPartSupplies, N_("supply"), "R-7", std::span(kSupplies).first(2))
SVC_VOCABULARY(BackPartSupplies, N_("supply"), "R-4.5.3.1", std::span(kSupplies).subspan(2))
SVC_VOCABULARY(TicketStatuses, N_("status"), "R-4.5", kStatuses)
SVC_VOCABULARY(Clocks, N_("clock"), "PRODUCT.md", kClocks)
SVC_VOCABULARY(Forms, N_("form"), "R-6, R-7", kForms)
SVC_VOCABULARY(PlanWorks, N_("work"), "R-4.5.5", kPlanWorks)
SVC_VOCABULARY(Dispositions, N_("disposition"), "R-4.5.3.1", kDispositions)
SVC_VOCABULARY(ExpenseItems, N_("item"), "R-3.1", kExpenseItems)

#undef SVC_VOCABULARY

std::vector<std::string> RoutingKeys() {
  std::vector<std::string> keys = Categories().Stored();
  keys.emplace_back(kQuality);
  return keys;
}

}  // namespace svc
