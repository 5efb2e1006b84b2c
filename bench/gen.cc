// svc-gen: a records directory of N generated, realistic tickets, for the
// benchmarks in bench/ (bench/README.md) and for tests that need a big store.
//
//   svc-gen DIR N [--seed S] [--start 2017-01] [--codes SH,YX,...] [--per-month 80-99]
//
// DIR is created with svc::Store::Init (the default svc.toml). Tickets are
// built as svc::Ticket (svc::NewTicket for the form and its `open` event,
// then `note` events) and written by svc::Store::Create, which formats them
// with svc::WriteTicket, so a generated store is always in svc's current
// canonical format and passes `svc check`.
//
// Months run from --start; in each month every receiving code gets a
// random number of tickets in --per-month (capped at the sequence width),
// numbered 01.. in order of receipt, until N tickets are written. Requests
// arrive in working hours (+08:00 by default: the company's time zone), the
// form is filled 5-90 minutes later, and a few notes follow.
//
// The output depends only on the arguments: the same seed gives the same
// bytes. A generated store is disposable, so its tickets are written without
// fsync (see BulkDisk); everything else goes through the library.
#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "intake.h"
#include "number.h"
#include "store.h"
#include "text.h"
#include "ticket.h"
#include "timepoint.h"

namespace {

using svc::Date;
using svc::Status;
using svc::Time;

template <typename T, size_t N>
using Pool = std::array<T, N>;

// ---- deterministic randomness (splitmix64: the same on every platform) ----

class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Chance(int percent) { return Between(1, 100) <= percent; }
  template <typename C>
  const auto& Pick(const C& items) {
    return items[static_cast<size_t>(Between(0, static_cast<int64_t>(std::size(items)) - 1))];
  }
  std::string Digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + Between(0, 9));
    return s;
  }

 private:
  uint64_t state_;
};

// ---- the world the tickets come from ----

struct City {
  std::string_view province;  // empty for the municipalities
  std::string_view name;      // without 市
  std::string_view area_code;
};

constexpr Pool<City, 30> kCities = {{
    {"浙江省", "杭州", "0571"}, {"浙江省", "宁波", "0574"},   {"江苏省", "南京", "025"},
    {"江苏省", "苏州", "0512"}, {"江苏省", "无锡", "0510"},   {"山东省", "济南", "0531"},
    {"山东省", "青岛", "0532"}, {"广东省", "广州", "020"},    {"广东省", "深圳", "0755"},
    {"广东省", "佛山", "0757"}, {"湖北省", "武汉", "027"},    {"湖南省", "长沙", "0731"},
    {"河南省", "郑州", "0371"}, {"河北省", "石家庄", "0311"}, {"四川省", "成都", "028"},
    {"陕西省", "西安", "029"},  {"安徽省", "合肥", "0551"},   {"福建省", "福州", "0591"},
    {"福建省", "厦门", "0592"}, {"江西省", "南昌", "0791"},   {"山西省", "太原", "0351"},
    {"辽宁省", "沈阳", "024"},  {"吉林省", "长春", "0431"},   {"云南省", "昆明", "0871"},
    {"贵州省", "贵阳", "0851"}, {"甘肃省", "兰州", "0931"},   {"北京市", "北京", "010"},
    {"上海市", "上海", "021"},  {"天津市", "天津", "022"},    {"重庆市", "重庆", "023"},
}};

constexpr Pool<std::string_view, 12> kDistricts = {
    "高新区",   "经济技术开发区", "城东区",   "江北区", "滨江区", "新城区",
    "工业园区", "城南区",         "临港新区", "西湖区", "开发区", "北辰区"};
constexpr Pool<std::string_view, 14> kStreets = {
    "建设路", "人民路",   "解放大道", "科技园路", "工业大道", "长江路", "黄河路",
    "中山路", "环城北路", "创业大道", "电力路",   "迎宾大道", "纬二路", "滨河东路"};
constexpr Pool<std::string_view, 16> kPlaces = {"城北", "东郊", "滨江", "青山", "望江", "桃园",
                                                "金桥", "新港", "双河", "龙泉", "白沙", "西湖",
                                                "石门", "高桥", "永安", "凤凰"};
constexpr Pool<std::string_view, 14> kIndustries = {
    "钢铁集团有限公司", "水务集团有限公司",     "热电有限公司",     "化工有限公司",
    "水泥有限公司",     "轨道交通集团有限公司", "污水处理厂",       "港务集团有限公司",
    "国际机场有限公司", "石化有限公司",         "纺织印染有限公司", "医药股份有限公司",
    "数据中心",         "汽车零部件有限公司"};
constexpr Pool<std::string_view, 10> kBrands = {"华能", "大唐",   "国家电投", "华电", "三峡",
                                                "协鑫", "中广核", "京能",     "粤电", "浙能"};
constexpr Pool<std::string_view, 20> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "赵",
                                                  "黄", "周", "吴", "徐", "孙", "胡", "朱",
                                                  "高", "林", "何", "郭", "马", "罗"};
constexpr Pool<std::string_view, 24> kGivenNames = {
    "伟", "芳", "娜", "敏", "静", "丽",   "强",   "磊",   "军",   "洋",   "勇",   "艳",
    "杰", "娟", "涛", "明", "超", "秀英", "建国", "志强", "海燕", "晓东", "立新", "国华"};
constexpr Pool<std::string_view, 12> kTitles = {
    "运维班长",   "变电站站长", "设备科科长", "电气工程师", "自动化专责",   "继电保护专责",
    "生产部经理", "机电主管",   "值长",       "技术员",     "动力车间主任", "信息中心主任"};
// The service desk and the engineers who write the history.
constexpr Pool<std::string_view, 6> kDesk = {"王芳", "李娜", "张敏", "刘洋", "陈静", "赵丽"};
constexpr Pool<std::string_view, 8> kEngineers = {"孙伟", "周强", "吴磊",   "郑军",
                                                  "钱涛", "冯超", "褚建国", "卫志强"};

struct Product {
  std::string_view name;
  std::string_view models[3];
  std::string_view sizes[3];
  std::string_view serial_prefix;
  std::string_view faults[5];
};

constexpr Pool<Product, 14> kProducts = {{
    {"配电柜",
     {"GGD2-38", "MNS-0.4", "GCS-08"},
     {"800×600×2200", "1000×800×2200", "600×600×2200"},
     "PD",
     {"柜内温度过高，顶部散热风扇不转", "母排连接处发热，红外测温 86℃",
      "电容补偿回路接触器频繁投切", "多功能电表显示电流为零，实际有负荷",
      "柜门电磁锁失灵，无法正常开门"}},
    {"高压开关柜",
     {"KYN28A-12", "XGN15-12", "KYN61-40.5"},
     {"800×1500×2300", "1000×1660×2300", "1400×2800×2600"},
     "KG",
     {"暂态地电压局放检测超标（32 dB），柜内有异响", "断路器手车无法摇进工作位置",
      "带电显示器三相指示不一致", "柜内加热器不工作，凝露严重", "五防闭锁失效，接地刀闸可误操作"}},
    {"变频器",
     {"HV-VFD-630", "ACS880-01", "VFD-A75"},
     {"75kW/380V", "132kW/380V", "630kW/10kV"},
     "VF",
     {"运行中报 OC2 过流故障停机", "报 E.OH 散热器过热，环境温度 35℃",
      "直流母线欠压报警 Uu，重启后 10 分钟再次出现", "输出缺相，电机抖动",
      "面板黑屏，控制电源正常"}},
    {"真空断路器",
     {"VS1-12/1250-31.5", "ZN63A-12", "VD4-12"},
     {"1250A", "630A", "2000A"},
     "DL",
     {"分闸线圈烧毁，遥控拒分", "储能电机不储能，储能指示灯不亮",
      "合闸后辅助触点不切换，后台显示位置不对", "机械特性试验分闸时间超标",
      "真空泡耐压试验不合格"}},
    {"继电保护装置",
     {"PCS-931", "RCS-978", "CSC-103"},
     {"4U 19英寸", "6U 19英寸", "4U 半层机箱"},
     "JB",
     {"差动保护无故障跳闸，录波显示差流突变", "装置告警“TV断线”，二次回路检查正常",
      "GOOSE 断链告警，与智能终端通信中断", "开入量抖动，频繁上送变位",
      "装置液晶花屏，按键无反应"}},
    {"数据采集终端",
     {"DTU-3000", "FTU-200", "RTU-560"},
     {"8 遥测/16 遥信", "16 遥测/32 遥信", "壁挂式"},
     "DT",
     {"数据上传中断，主站显示终端离线", "遥测数据跳变，电流值偶发为零",
      "4G 模块无信号，SIM 卡已更换", "对时异常，时间偏差 15 分钟",
      "蓄电池欠压告警，停电后无法上送"}},
    {"调度监控系统",
     {"SCADA-5000", "EMS-3.0", "iES-600"},
     {"双机热备", "单机", "四节点集群"},
     "JK",
     {"历史数据缺失，凌晨 02:00-06:00 无记录", "画面刷新停滞，实时数据不变化",
      "报警窗口频繁弹出误报", "前置机与 104 规约通信中断", "报表模块导出失败，提示数据库连接超时"}},
    {"光伏逆变器",
     {"SG110CX", "SUN2000-100KTL", "GSI-60K"},
     {"110kW", "100kW", "60kW"},
     "NB",
     {"报故障码 F021 绝缘阻抗低，无法并网", "报 PV 反接告警，现场接线核对无误",
      "发电量较同组逆变器低 30%", "通信中断，监控平台无数据", "风扇故障告警，机内温度 78℃"}},
    {"直流屏",
     {"GZDW-200Ah/220V", "GZDW-100Ah/110V", "GZDW-65Ah/220V"},
     {"800×600×2260", "2 面", "3 面"},
     "ZL",
     {"充电模块故障灯亮，输出电压为零", "母线绝缘监测报正极接地", "蓄电池巡检仪显示单体电压异常",
      "交流输入切换失败", "监控单元与后台通信中断"}},
    {"环网柜",
     {"XGN15-12", "SRM16-12", "HXGN-12"},
     {"二进四出", "一进二出", "二进二出"},
     "HW",
     {"负荷开关操作卡涩，分合不到位", "SF6 气压表指示偏低，低气压告警", "电缆头放电，有明显焦糊味",
      "故障指示器误动作", "DTU 电源模块损坏"}},
    {"箱式变电站",
     {"YB-12/0.4-630", "ZGS11-800", "YB6-12/0.4-1250"},
     {"630kVA", "800kVA", "1250kVA"},
     "XB",
     {"变压器温控器报超温，风机未启动", "低压侧总开关频繁跳闸", "箱体进水，电缆沟积水",
      "高压侧熔断器熔断一相", "门禁报警误动作"}},
    {"静止无功发生器",
     {"SVG-10/5", "TBB-SVG-35", "SVG-0.4-300"},
     {"5Mvar", "10Mvar", "300kvar"},
     "SV",
     {"功率单元过压故障，装置退出运行", "水冷系统流量低报警", "补偿后功率因数仍低于 0.9",
      "启动时预充电失败", "控制柜与功率柜光纤通信故障"}},
    {"电能质量监测装置",
     {"PQM-300", "APView500", "PQ-Box 200"},
     {"导轨式", "柜装式", "便携式"},
     "DN",
     {"谐波数据与现场测试仪偏差超过 10%", "暂降事件未记录", "装置频繁重启",
      "数据无法上传至电能质量主站", "CT 变比设置后丢失"}},
    {"智能电表集抄终端",
     {"DJGZ23-FKGA43", "TTU-810", "JZQ-II"},
     {"三相四线", "单相", "III 型"},
     "JC",
     {"台区抄表成功率降至 82%", "载波模块通信失败", "终端时钟电池失效", "停电事件上报缺失",
      "升级固件后无法登录主站"}},
}};

constexpr Pool<std::string_view, 8> kContext = {
    "现场已重启装置，故障依旧。",
    "故障出现前一天有雷雨天气。",
    "同型号另一台设备运行正常。",
    "客户已按说明书检查接线，未发现异常。",
    "此故障本月第二次出现。",
    "客户反映近期做过检修，改动过定值。",
    "现场照片和报警截图已通过微信发来。",
    "设备仍在质保期内，客户要求免费处理。",
};
constexpr Pool<std::string_view, 6> kRequests = {
    "请尽快派人到现场处理。", "请先电话指导排查。",     "需要寄送备件。",
    "要求提供故障分析报告。", "影响生产，客户很着急。", "请安排工程师明天到场。",
};
constexpr Pool<std::string_view, 10> kNotes = {
    "已电话联系客户，约定明日上午到场。",   "客户来电催促处理进度，已答复今天内回复。",
    "已远程查看装置日志，怀疑通信板故障。", "备件已寄出，顺丰单号 SF{}。",
    "客户补充：故障发生时正在倒闸操作。",   "已将故障录波文件转研发部分析。",
    "客户要求出具书面处理意见。",           "联系人变更，新联系人电话见客户信息。",
    "已指导客户恢复运行，待观察 24 小时。", "厂家技术支持已确认为已知问题，等待补丁。",
};

// ---- one customer: the same organisation calls again over the years ----

struct Site {
  svc::Customer customer;
  const City* city;
};

std::string Person(Random& r) {
  return std::string(r.Pick(kSurnames)) + std::string(r.Pick(kGivenNames));
}

std::string Organisation(Random& r, const City& c) {
  std::string province(c.province);
  switch (r.Between(0, 5)) {
    case 0:
      return fmt::format("国网{}电力有限公司{}供电公司", province, c.name);
    case 1:
      return fmt::format("{}供电局", c.name);
    case 2:
      return fmt::format("{}供电公司{}kV{}变电站", c.name, r.Pick(std::array{110, 220, 35, 500}),
                         r.Pick(kPlaces));
    case 3:
      return fmt::format("{}{}", c.name, r.Pick(kIndustries));
    case 4:
      return fmt::format("{}{}{}", r.Pick(kBrands), c.name,
                         r.Pick(std::array{"光伏电站", "风电场"}));
    default:
      return fmt::format("{}{}{}工厂", c.name, r.Pick(kPlaces),
                         r.Pick(std::array{"电子", "机械", "食品"}));
  }
}

std::string Phone(Random& r, const City& c) {
  if (r.Chance(60))
    return fmt::format("1{}{}", r.Pick(std::array{"39", "38", "58", "86", "89", "77"}),
                       r.Digits(8));
  return fmt::format("{}-{}{}", c.area_code, r.Between(5, 8), r.Digits(7));
}

std::vector<Site> MakeSites(Random& r, int n) {
  std::vector<Site> sites;
  for (int i = 0; i < n; ++i) {
    const City& c = r.Pick(kCities);
    Site s{{}, &c};
    s.customer.name = Organisation(r, c);
    s.customer.contact = Person(r);
    if (r.Chance(70)) s.customer.title = r.Pick(kTitles);
    s.customer.phone = Phone(r, c);
    std::string city = c.province.ends_with("市") ? std::string(c.province)
                                                  : fmt::format("{}{}市", c.province, c.name);
    s.customer.address =
        fmt::format("{}{}{}{}号", city, r.Pick(kDistricts), r.Pick(kStreets), r.Between(1, 999));
    sites.push_back(std::move(s));
  }
  return sites;
}

// ---- one ticket ----

svc::Equipment MakeEquipment(Random& r, const Product& p, const Date& received) {
  svc::Equipment q;
  q.product = p.name;
  q.model = r.Pick(p.models);
  if (r.Chance(70)) q.size = r.Pick(p.sizes);
  int64_t today = svc::DaysFromDate(received);
  int64_t commissioned = today - r.Between(20, 2500);
  Date made = svc::DateFromDays(commissioned - r.Between(10, 200));
  if (r.Chance(80)) q.serial = fmt::format("{}{:04}{}", p.serial_prefix, made.year, r.Digits(6));
  if (r.Chance(50)) q.quantity = r.Chance(70) ? 1 : r.Between(2, 24);
  if (r.Chance(55)) q.project_no = fmt::format("AB{:04}-{:03}", made.year, r.Between(1, 480));
  if (r.Chance(45)) {
    q.equipment_no =
        fmt::format("{}#{}", r.Between(1, 12),
                    r.Pick(std::array{"主变", "进线柜", "出线柜", "机组", "逆变器", "屏"}));
  }
  if (r.Chance(65)) q.commissioned = svc::DateFromDays(commissioned);
  if (r.Chance(40)) q.purchased = svc::DateFromDays(commissioned - r.Between(10, 180));
  if (r.Chance(35)) q.invoice_no = r.Digits(8);
  return q;
}

std::string Description(Random& r, const Product& p) {
  std::string d(r.Pick(p.faults));
  if (r.Chance(60)) d += fmt::format("\n{}", r.Pick(kContext));
  if (r.Chance(50)) d += fmt::format("\n{}", r.Pick(kRequests));
  return d;
}

// Notes in the hours and days after the form was filled.
void AddNotes(Random& r, svc::Ticket* t) {
  int64_t at = t->events.front().at.secs;
  int offset = t->events.front().at.offset_minutes;
  for (int64_t i = 0, n = r.Between(0, 3); i < n; ++i) {
    at += r.Between(20, 2 * 24 * 60) * 60;
    svc::Event e;
    e.at = Time{at, offset};
    e.actor = r.Chance(60) ? r.Pick(kDesk) : r.Pick(kEngineers);
    e.action = "note";
    std::string text = fmt::format(fmt::runtime(r.Pick(kNotes)), r.Digits(12));
    e.Set("text", std::move(text));
    t->Append(std::move(e));
  }
}

svc::Ticket MakeTicket(Random& r, const std::vector<Site>& sites, const std::string& code,
                       const svc::DocNumber& id, const Time& received) {
  const Site& site =
      sites[static_cast<size_t>(r.Between(0, static_cast<int64_t>(sites.size()) - 1))];
  const Product& product = r.Pick(kProducts);
  svc::IntakeForm form;
  form.via = code;
  form.customer = site.customer;
  form.equipment = MakeEquipment(r, product, svc::LocalDate(received));
  form.description = Description(r, product);
  form.received = received;
  if (r.Chance(65)) form.level = static_cast<int>(r.Pick(std::array{1, 2, 2, 3, 3, 3, 3, 4, 4, 4}));
  Time filled{received.secs + r.Between(5, 90) * 60, received.offset_minutes};
  svc::Ticket t = svc::NewTicket(form, id, filled, std::string(r.Pick(kDesk)));
  AddNotes(r, &t);
  return t;
}

// ---- months ----

int DaysIn(int year, int month) {
  Date first{year, month, 1};
  Date next = month == 12 ? Date{year + 1, 1, 1} : Date{year, month + 1, 1};
  return static_cast<int>(svc::DaysFromDate(next) - svc::DaysFromDate(first));
}

// A moment in working hours of year/month in `offset`: weekdays 08:30-17:30,
// now and then a Saturday.
Time WorkingMoment(Random& r, int year, int month, int offset) {
  for (;;) {
    Date d{year, month, static_cast<int>(r.Between(1, DaysIn(year, month)))};
    int64_t days = svc::DaysFromDate(d);
    int weekday = static_cast<int>((days + 4) % 7);  // 1970-01-01 was a Thursday; 0 = Sunday
    if (weekday == 0 || (weekday == 6 && !r.Chance(15))) continue;
    int64_t secs = r.Between(8 * 60 + 30, 17 * 60 + 30) * 60;  // to the minute
    return Time{svc::StartOfDay(d, offset).secs + secs, offset};
  }
}

// A store's tickets only need to exist: no fsync, no temporary file.
class BulkDisk : public svc::Disk {
 public:
  Status WriteFileAtomic(const std::string& path, std::string_view data) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || WriteAll(fd, data) != 0 || ::close(fd) != 0) {
      return Status::IOError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    }
    return Status::OK();
  }
};

struct Options {
  std::string dir;
  long long count = 0;
  uint64_t seed = 1;
  int start_year = 2017, start_month = 1;
  std::vector<std::string> codes = {"SH", "YX", "SC", "SJ", "XT", "YF", "HY", "ZL", "ZC1", "ZC2"};
  int per_month_min = 80, per_month_max = 99;
};

// The options against the default configuration, before anything is written.
Status Validate(const Options& o) {
  svc::Config config;
  SVC_RETURN_IF_ERROR(svc::ParseConfig(svc::DefaultConfigText(), "svc.toml", &config));
  for (const std::string& code : o.codes) {
    if (!config.FindDepartment(code)) {
      return Status::InvalidArgument(
          fmt::format("--codes: '{}' is no department in svc.toml", code));
    }
  }
  return Status::OK();
}

// Tickets 01..n of `code` in year/month, numbered in order of receipt.
Status WriteMonth(const svc::Store& store, Random& r, const std::vector<Site>& sites,
                  const std::string& code, int year, int month, int n) {
  const svc::Config& config = store.config();
  std::vector<Time> received;
  for (int i = 0; i < n; ++i)
    received.push_back(WorkingMoment(r, year, month, config.offset_minutes));
  std::sort(received.begin(), received.end(),
            [](const Time& a, const Time& b) { return a.secs < b.secs; });
  for (int seq = 1; seq <= n; ++seq) {
    svc::DocNumber id{code, year, month, seq, config.sequence_width};
    SVC_RETURN_IF_ERROR(store.Create(MakeTicket(r, sites, code, id, received[seq - 1])));
  }
  return Status::OK();
}

Status Generate(const Options& o) {
  SVC_RETURN_IF_ERROR(Validate(o));
  SVC_RETURN_IF_ERROR(svc::Store::Init(o.dir, svc::RealDisk()));
  BulkDisk disk;
  std::unique_ptr<svc::Store> store;
  SVC_RETURN_IF_ERROR(svc::Store::Open(o.dir, &disk, &store));
  const svc::Config& config = store->config();
  int limit = 1;
  for (int i = 0; i < config.sequence_width; ++i) limit *= 10;
  Random r(o.seed);
  std::vector<Site> sites = MakeSites(r, 2000);
  long long left = o.count;
  for (int year = o.start_year, month = o.start_month; left > 0;) {
    if (year > 2099) {  // numbers carry a two-digit year
      return Status::InvalidArgument(
          fmt::format("{} tickets do not fit before 2100 with {} codes: give more --codes, a "
                      "higher --per-month or an earlier --start",
                      o.count, o.codes.size()));
    }
    for (const std::string& code : o.codes) {
      long long n = std::min<long long>(
          left, std::min(limit - 1, static_cast<int>(r.Between(o.per_month_min, o.per_month_max))));
      SVC_RETURN_IF_ERROR(WriteMonth(*store, r, sites, code, year, month, static_cast<int>(n)));
      left -= n;
    }
    if (++month == 13) month = 1, ++year;
  }
  return Status::OK();
}

constexpr std::string_view kUsage =
    "usage: svc-gen DIR N [--seed S] [--start YYYY-MM] [--codes SH,YX,...] [--per-month MIN-MAX]\n"
    "  Creates the records directory DIR with N generated tickets (deterministic for a seed).\n"
    "  Defaults: --seed 1 --start 2017-01 --codes SH,YX,SC,SJ,XT,YF,HY,ZL,ZC1,ZC2 --per-month "
    "80-99\n";

bool ParseInt(std::string_view s, long long* out) {
  if (s.empty() || s.size() > 18) return false;
  long long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

bool ParsePair(std::string_view s, char sep, long long* a, long long* b) {
  size_t p = s.find(sep);
  return p != std::string_view::npos && ParseInt(s.substr(0, p), a) && ParseInt(s.substr(p + 1), b);
}

// Returns false (after a message) on a bad command line.
bool ParseArgs(int argc, char** argv, Options* o) {
  std::vector<std::string_view> positional;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage.data(), stdout);
      std::exit(0);
    }
    if (!a.starts_with("--")) {
      positional.push_back(a);
      continue;
    }
    if (i + 1 >= argc) return std::fprintf(stderr, "svc-gen: %s needs a value\n", argv[i]), false;
    std::string_view v = argv[++i];
    long long x = 0, y = 0;
    if (a == "--seed" && ParseInt(v, &x)) {
      o->seed = static_cast<uint64_t>(x);
    } else if (a == "--start" && ParsePair(v, '-', &x, &y) && x >= 2000 && x <= 2099 && y >= 1 &&
               y <= 12) {
      o->start_year = static_cast<int>(x), o->start_month = static_cast<int>(y);
    } else if (a == "--per-month" && ParsePair(v, '-', &x, &y) && x >= 1 && x <= y && y < 1000000) {
      o->per_month_min = static_cast<int>(x), o->per_month_max = static_cast<int>(y);
    } else if (a == "--codes" && !v.empty()) {
      o->codes.clear();
      for (std::string_view c : svc::Split(v, ',')) o->codes.emplace_back(c);
    } else {
      return std::fprintf(stderr, "svc-gen: bad option %s %s\n", argv[i - 1], argv[i]), false;
    }
  }
  if (positional.size() != 2 || !ParseInt(positional[1], &o->count) || o->count < 1) {
    std::fputs(kUsage.data(), stderr);
    return false;
  }
  o->dir = positional[0];
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!ParseArgs(argc, argv, &o)) return 2;
  Status s = Generate(o);
  if (!s.ok()) {
    std::fprintf(stderr, "svc-gen: %s\n", s.message().c_str());
    return s.code() == Status::Code::kInvalidArgument ? 2 : 1;
  }
  return 0;
}
