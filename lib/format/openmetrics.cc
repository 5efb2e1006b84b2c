#include "format/openmetrics.h"

namespace svc {
namespace {

std::string Escape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string EscapeLabelValue(std::string_view value) {
  return Escape(value);
}

void OpenMetricsWriter::Family(std::string_view name, std::string_view type, std::string_view help,
                               std::string_view unit) {
  out_ += "# TYPE " + std::string(name) + " " + std::string(type) + "\n";
  out_ += "# HELP " + std::string(name) + " " + Escape(help) + "\n";
  if (!unit.empty()) out_ += "# UNIT " + std::string(name) + " " + std::string(unit) + "\n";
}

void OpenMetricsWriter::Sample(std::string_view name, const MetricLabels& labels, int64_t value) {
  out_ += name;
  if (!labels.empty()) {
    out_ += '{';
    for (size_t i = 0; i < labels.size(); ++i) {
      if (i) out_ += ',';
      out_ += labels[i].first + "=\"" + Escape(labels[i].second) + "\"";
    }
    out_ += '}';
  }
  out_ += " " + std::to_string(value) + "\n";
}

std::string OpenMetricsWriter::Finish() {
  out_ += "# EOF\n";
  return std::move(out_);
}

}  // namespace svc
