"""The command line as a whole: global options, records discovery, the clock,
the actor, --version, --help and exit statuses."""

import os
import pwd
import re
import shutil
import tomllib
import unittest

from svctest import SOURCE_DIR, SvcTestCase, read_text, run, write_text

COMMANDS = ["init", "open", "show", "list", "check"]


def project_version():
    text = read_text(os.path.join(SOURCE_DIR, "CMakeLists.txt"))
    return re.search(r"project\(svc VERSION ([0-9.]+)", text).group(1)


class DiscoveryTest(SvcTestCase):
    """Where svc finds the records: -R, $SVC_RECORDS, the nearest ancestor."""

    def setUp(self):
        super().setUp()
        self.ticket = self.open("YX", "华东电网")
        self.elsewhere = os.path.join(self.tmp, "elsewhere")
        os.makedirs(self.elsewhere)

    def listed(self, result):
        rc, out, err = result
        self.assertEqual((rc, err), (0, ""))
        if out:
            self.assertTrue(out.startswith("NUMBER "), out)  # the header row
        return [line.split()[0] for line in out.split("\n")[1:] if line]

    def test_from_a_subfolder(self):
        sub = self.path("notes", "2026", "november")
        os.makedirs(sub)
        self.assertEqual(self.listed(self.svc("list", records=False, cwd=sub)), [self.ticket])
        self.assertEqual(self.listed(self.svc("list", records=False, cwd=self.records)),
                         [self.ticket])
        # Writing from there lands in the same records.
        rc, out, err = self.svc("open", "--via", "YX", "--customer", "乙", records=False, cwd=sub)
        self.assertEqual((rc, out, err), (0, "YX-26-11-02\n", ""))
        self.assertTrue(os.path.isfile(self.ticket_path("YX-26-11-02")))
        self.assertFalse(os.path.exists(os.path.join(sub, "tickets")))
        rc, out, err = self.svc("show", "YX-26-11-02", records=False, cwd=sub)
        self.assertEqual(rc, 0, err)

    def test_from_svc_records(self):
        result = self.svc("list", records=False, cwd=self.elsewhere,
                          env={"SVC_RECORDS": self.records})
        self.assertEqual(self.listed(result), [self.ticket])

    def test_records_option_before_and_after_the_command_word(self):
        for args in (["-R", self.records, "list"], ["list", "-R", self.records],
                     ["--records", self.records, "list"], ["list", "--records", self.records],
                     ["--records=" + self.records, "list"], ["list", "--records=" + self.records]):
            with self.subTest(args=args):
                self.assertEqual(self.listed(self.svc(*args, records=False, cwd=self.elsewhere)),
                                 [self.ticket])
        rc, out, err = self.svc("show", self.ticket, "-R", self.records, records=False,
                                cwd=self.elsewhere)
        self.assertEqual(rc, 0, err)

    def test_the_option_beats_the_environment_which_beats_the_folder(self):
        other = os.path.join(self.tmp, "other")
        self.assertEqual(run("init", other)[0], 0)
        # -R wins over SVC_RECORDS.
        result = self.svc("list", "-R", self.records, records=False, cwd=other,
                          env={"SVC_RECORDS": other})
        self.assertEqual(self.listed(result), [self.ticket])
        # SVC_RECORDS wins over the folder svc stands in.
        result = self.svc("list", records=False, cwd=self.records, env={"SVC_RECORDS": other})
        self.assertEqual(self.listed(result), [])

    def test_no_records_directory(self):
        rc, out, err = self.svc("list", records=False, cwd=self.elsewhere)
        self.assertFails(1, (rc, out, err), "no records directory", "--records")
        self.assertEqual(err, "svc: no records directory: no svc.toml in {} or any folder above "
                              "it (use --records DIR, set SVC_RECORDS, or create one with 'svc "
                              "init DIR')\n".format(self.elsewhere))
        for args in (["open", "--via", "YX", "--customer", "甲"], ["show", "YX-26-11-01"],
                     ["check"]):
            with self.subTest(args=args):
                self.assertFails(1, self.svc(*args, records=False, cwd=self.elsewhere),
                                 "--records")
        self.assertEqual(os.listdir(self.elsewhere), [])

    def test_records_option_naming_no_records(self):
        for args, env, origin in (
                (["-R", self.elsewhere], None, "--records"),
                ([], {"SVC_RECORDS": self.elsewhere}, "SVC_RECORDS")):
            with self.subTest(origin=origin):
                err = self.assertFails(1, self.svc(*args, "list", records=False, env=env,
                                                   cwd=self.records))
                self.assertIn(self.elsewhere + " is not a records directory", err)
                self.assertIn(origin, err)
        self.assertEqual(os.listdir(self.elsewhere), [])


class ClockAndActorTest(SvcTestCase):

    def opened_at(self, ticket):
        return tomllib.loads(self.ticket_text(ticket))["event"][0]["at"].isoformat()

    def test_now_option(self):
        ticket = self.open("YX", now="2026-11-20T08:15")
        self.assertEqual(ticket, "YX-26-11-01")
        self.assertEqual(self.opened_at(ticket), "2026-11-20T08:15:00+08:00")

    def test_now_after_the_command_word(self):
        rc, out, err = self.svc("open", "--via", "YX", "--customer", "甲", "--now",
                                "2026-10-05T08:15:00+08:00", now=None)
        self.assertEqual((rc, out, err), (0, "YX-26-10-01\n", ""))

    def test_svc_now(self):
        rc, out, err = self.svc("open", "--via", "YX", "--customer", "甲", now=None,
                                env={"SVC_NOW": "2026-09-01T07:00"})
        self.assertEqual((rc, out, err), (0, "YX-26-09-01\n", ""))
        self.assertEqual(self.opened_at("YX-26-09-01"), "2026-09-01T07:00:00+08:00")

    def test_now_option_beats_svc_now(self):
        rc, out, err = self.svc("open", "--via", "YX", "--customer", "甲",
                                now="2026-08-01T07:00", env={"SVC_NOW": "2026-09-01T07:00"})
        self.assertEqual((rc, out, err), (0, "YX-26-08-01\n", ""))

    def test_bad_now(self):
        self.assertFails(2, self.svc("list", now="garbage"),
                         "--now: 'garbage' is not a date-time")
        self.assertFails(2, self.svc("list", now=None, env={"SVC_NOW": "garbage"}),
                         "SVC_NOW: 'garbage' is not a date-time")
        self.assertEqual(self.ticket_files(), [])

    def test_without_now_the_system_clock_is_used(self):
        ticket = self.open("YX", now=None)
        self.assertRegex(ticket, r"^YX-\d\d-\d\d-01$")

    def actor(self, **kwargs):
        rc, out, err = self.svc("open", "--via", "YX", "--customer", "甲", **kwargs)
        self.assertEqual(rc, 0, err)
        return tomllib.loads(self.ticket_text(out.strip()))["event"][0]["actor"]

    def test_actor_option_beats_svc_actor(self):
        self.assertEqual(self.actor(actor="孙工", env={"SVC_ACTOR": "钱经理"}), "孙工")
        self.assertEqual(self.actor(actor=None, env={"SVC_ACTOR": "钱经理"}), "钱经理")

    @unittest.skipUnless(shutil.which("git"), "git is not installed")
    def test_actor_from_git_then_login_name(self):
        gitconfig = os.path.join(self.tmp, "gitconfig")
        write_text(gitconfig, "[user]\n\tname = 周 工程师\n")
        git_env = {"GIT_CONFIG_GLOBAL": gitconfig, "GIT_CONFIG_NOSYSTEM": "1"}
        self.assertEqual(self.actor(actor=None, env=git_env), "周 工程师")
        no_git = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
        self.assertEqual(self.actor(actor=None, env=no_git), pwd.getpwuid(os.geteuid()).pw_name)


class CommandLineTest(SvcTestCase):
    INIT = False

    def test_version(self):
        rc, out, err = run("--version")
        self.assertEqual((rc, out, err), (0, "svc {}\n".format(project_version()), ""))

    def test_help_on_every_command(self):
        rc, out, err = run("--help", cwd=self.tmp)
        self.assertEqual((rc, err), (0, ""))
        listed = re.findall(r"^  ([a-z][a-z-]*) ", out.split("Subcommands:")[1], re.M)
        for c in COMMANDS:
            self.assertIn(c, listed)
        for args in [["-h"]] + [[c, "--help"] for c in listed] + [[c, "-h"] for c in COMMANDS]:
            with self.subTest(args=args):
                rc, out, err = run(*args, cwd=self.tmp)
                self.assertEqual((rc, err), (0, ""))
                self.assertIn("Usage", out)
        self.assertEqual(os.listdir(self.tmp), [])  # --help writes nothing
        rc, out, _ = run("open", "--help")
        self.assertIn("Example", out)
        self.assertIn("svc classify", out)  # the next step of the flow

    def test_unknown_option(self):
        for args, phrase in ((["--bogus", "list"], "--bogus"), (["list", "--bogus"], "--bogus"),
                             (["check", "--frobnicate"], "--frobnicate"),
                             (["show", "YX-26-11-01", "-x"], "-x")):
            with self.subTest(args=args):
                self.assertFails(2, run(*args, cwd=self.tmp), phrase)

    def test_option_missing_its_value(self):
        self.assertFails(2, run("list", "-R"), "--records")
        self.assertFails(2, run("list", "--now"), "--now")

    def test_no_command(self):
        self.assertFails(2, run(cwd=self.tmp), "--help")

    def test_extra_argument(self):
        self.assertFails(2, run("check", "extra", cwd=self.tmp), "extra")

    def test_unknown_command_names_it(self):
        # `svc frob` names 'frob' as no command of svc (exit 2), rather
        # than CLI11's "A subcommand is required".
        self.assertFails(2, run("frob", cwd=self.tmp), "frob")

    def test_unknown_command_exit_status(self):
        rc, out, err = run("frob", cwd=self.tmp)
        self.assertEqual((rc, out), (2, ""))
        self.assertEqual(err.count("\n"), 1, err)


if __name__ == "__main__":
    unittest.main()
