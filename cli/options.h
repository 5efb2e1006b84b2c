// The parsed command line: one plain struct per command, filled by parse.cc
// (the only file that sees CLI11) and read by the cmd_*.cc run functions.
#pragma once

#include <string>
#include <vector>

namespace svc::cli {

struct GlobalOptions {
  std::string records;  // -R, --records
  std::string now;      // --now
  std::string actor;    // --actor
  bool json = false;    // --json
};

struct InitOptions {
  std::string dir = ".";
};

struct OpenOptions {
  std::string via, customer, contact, title, phone, address;
  std::string product, model, size, serial, project_no, equipment_no, invoice_no;
  int quantity = 0;
  std::string commissioned, purchased;
  std::string description, description_file;
  std::string received_at, at;
  int level = 0;
};

struct ShowOptions {
  std::string id;
};

struct ListOptions {
  std::string status, via, since, until, customer;
};

struct Options {
  std::string command;  // the command word
  GlobalOptions global;
  InitOptions init;
  OpenOptions open;
  ShowOptions show;
  ListOptions list;
};

// Parses argv. Returns -1 when a command is to run, else the exit status
// (0 after --help or --version, 2 for a bad command line, with CLI11's
// message printed on one line of stderr).
int ParseCommandLine(int argc, char** argv, Options* out);

}  // namespace svc::cli
