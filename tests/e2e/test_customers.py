"""svc customer / svc equipment: the customer file (顾客档案, R-4.6 b; issue 17 item 1).

Every command and refusal on a fresh records directory; a refusal exits with
its exact status, says one line on stderr and leaves the records unchanged.
A real-git merge of two clones changing the same customer keeps both; svc
check finds a damaged customer file and a serial on two customers.
"""

import json
import os
import tomllib
import unittest

from svctest import SvcTestCase, read_text, write_text
from test_git import GitCase, T, events_of


class CustomerTest(SvcTestCase):

    def add(self, *args):
        rc, out, err = self.svc("customer", "add", *args)
        self.assertEqual((rc, err), (0, ""), err)
        return out

    def act(self, *args, **kwargs):
        rc, out, err = self.svc(*args, **kwargs)
        self.assertEqual(rc, 0, err)
        return out

    def customer_text(self, code):
        return read_text(self.path("customers", code + ".toml"))

    def setup_two(self):
        self.assertEqual(self.add("国网杭州供电公司", "--alias", "杭州供电", "--contact", "王工",
                                  "--phone", "0571-8888-0101", "--phone", "0571-8888-0102",
                                  "--address", "杭州市上城区解放路 59 号", "--key"), "K0001\n")
        self.assertEqual(self.add("华东电网检修公司"), "K0002\n")
        self.act("equipment", "add", "--customer", "K0001", "--serial", "KYN-2024-0315",
                 "--product", "开关柜", "--model", "KYN28A-12", "--project-no", "AB-2024-031",
                 "--commissioned", "2024-05-01", "--warranty-until", "2026-04-30",
                 "--location", "1号变电站")

    def test_add_prints_only_the_code_and_writes_the_file(self):
        self.assertEqual(self.add("国网杭州供电公司", "--alias", "杭州供电", "--phone", "0571-1",
                                  "--key"), "K0001\n")
        self.assertEqual(self.add("华东电网"), "K0002\n")
        self.assertEqual(self.customer_text("K0001"),
                         '# 顾客档案 Customer File (R-4.6 b, R-3.2)\n'
                         'id = "K0001"\nname = "国网杭州供电公司"\naliases = ["杭州供电"]\n'
                         'phones = ["0571-1"]\nkey = true\n\n'
                         '[[event]]\nat = 2026-11-29T10:00:00+08:00\nactor = "王芳"\n'
                         'action = "create"\n')
        self.assertEqual(sorted(os.listdir(self.path("customers"))), ["K0001.toml", "K0002.toml"])
        self.assertEqual(self.act("check"), "")

    def test_show_and_list(self):
        self.setup_two()
        shown = json.loads(self.act("customer", "show", "K0001", "--json"))
        self.assertEqual(shown["code"], "K0001")
        self.assertEqual(shown["aliases"], ["杭州供电"])
        self.assertEqual(shown["phones"], ["0571-8888-0101", "0571-8888-0102"])
        self.assertEqual(shown["contacts"], ["王工"])
        self.assertTrue(shown["key"])
        self.assertEqual(shown["equipment"][0]["serial"], "KYN-2024-0315")
        self.assertEqual(shown["equipment"][0]["warranty"], "out")  # 2026-11-29 is after 04-30
        self.assertEqual([h["action"] for h in shown["history"]], ["create", "equipment"])
        # By alias too; text for people.
        text = self.act("customer", "show", "杭州供电")
        self.assertTrue(text.startswith("K0001  国网杭州供电公司  (key customer)\n"), text)
        self.assertIn("KYN-2024-0315", text)
        listed = json.loads(self.act("customer", "list", "--json"))
        self.assertEqual([(c["code"], c["name"], c["key"]) for c in listed],
                         [("K0001", "国网杭州供电公司", True), ("K0002", "华东电网检修公司", False)])
        for c in listed:
            for k in ("code", "name", "aliases", "phones", "key", "contacts", "addresses",
                      "equipment"):
                self.assertIn(k, c)
            self.assertNotIn("history", c)  # show has it
        self.assertEqual(self.act("customer", "list"),
                         "K0001  国网杭州供电公司  key  1 unit  0571-8888-0101\n"
                         "K0002  华东电网检修公司  0 units\n")

    def test_edit_is_an_event_with_actor_and_time(self):
        self.setup_two()
        before = self.customer_text("K0002")
        rc, out, err = self.svc("customer", "edit", "K0002", "--name", "华东电网检修分公司",
                                "--phone", "021-5555-0101", "--key", "--at", "2026-11-29T11:00",
                                "--reason", "改名", now="2026-11-29T12:00:00+08:00")
        self.assertEqual((rc, out, err), (0, "", "svc: K0002: customer file changed\n"))
        after = self.customer_text("K0002")
        self.assertTrue(after.startswith(before), "history is appended, never rewritten")
        event = events_of(after)[-1]
        self.assertEqual(event["action"], "edit")
        self.assertEqual(event["actor"], "王芳")
        self.assertEqual(event["name"], "华东电网检修分公司")
        self.assertIn("recorded", event)  # --at earlier than now
        shown = json.loads(self.act("customer", "show", "K0002", "--json",
                                    now="2026-11-29T12:00:00+08:00"))
        self.assertEqual((shown["name"], shown["phones"], shown["key"]),
                         ("华东电网检修分公司", ["021-5555-0101"], True))
        # The header stays as first filled.
        self.assertEqual(tomllib.loads(after)["name"], "华东电网检修公司")
        now = "2026-11-29T13:00:00+08:00"
        self.act("customer", "edit", "K0002", "--drop-phone", "021-5555-0101", "--no-key", now=now)
        shown = json.loads(self.act("customer", "show", "K0002", "--json", now=now))
        self.assertEqual((shown["phones"], shown["key"]), ([], False))

    def test_equipment_commands(self):
        self.setup_two()
        unit = json.loads(self.act("equipment", "show", "KYN-2024-0315", "--json"))
        self.assertEqual((unit["customer_code"], unit["product"], unit["model"],
                          unit["project_no"], unit["commissioned"], unit["warranty_until"],
                          unit["location"]),
                         ("K0001", "开关柜", "KYN28A-12", "AB-2024-031", "2024-05-01",
                          "2026-04-30", "1号变电站"))
        rc, out, err = self.svc("equipment", "edit", "--serial", "KYN-2024-0315",
                                "--warranty-until", "2027-04-30", "--reason", "延保一年")
        self.assertEqual((rc, out, err), (0, "", "svc: K0001: unit KYN-2024-0315 changed\n"))
        unit = json.loads(self.act("equipment", "show", "KYN-2024-0315", "--json"))
        self.assertEqual((unit["warranty_until"], unit["warranty"]), ("2027-04-30", "in"))
        self.act("equipment", "add", "--customer", "华东电网检修公司", "--serial", "GIS-7",
                 "--product", "GIS")
        listed = json.loads(self.act("equipment", "list", "--json"))
        self.assertEqual([(u["serial"], u["customer_code"]) for u in listed],
                         [("KYN-2024-0315", "K0001"), ("GIS-7", "K0002")])
        only = json.loads(self.act("equipment", "list", "--customer", "K0002", "--json"))
        self.assertEqual([u["serial"] for u in only], ["GIS-7"])
        self.assertIn("GIS-7  K0002  华东电网检修公司  GIS",
                      self.act("equipment", "list"))
        self.assertEqual(self.act("check"), "")

    def test_as_of_a_moment(self):
        self.setup_two()
        self.act("equipment", "add", "--customer", "K0002", "--serial", "GIS-7", "--product",
                 "GIS", now="2026-11-30T10:00:00+08:00")
        listed = json.loads(self.act("equipment", "list", "--json"))
        self.assertEqual([u["serial"] for u in listed], ["KYN-2024-0315"])

    def refused(self, rc_expected, args, *phrases):
        self.setup_two()
        before = self.snapshot()
        err = self.assertFails(rc_expected, self.svc(*args), *phrases)
        self.assertEqual(self.snapshot(), before)
        return err

    def test_refuses_unknown_customer_code(self):
        err = self.refused(1, ["equipment", "add", "--customer", "K0009", "--serial", "X",
                               "--product", "P"], "no customer 'K0009'")
        self.assertEqual(err, "svc: no customer 'K0009' (see 'svc customer list')\n")

    def test_refuses_unknown_customer_on_show_and_edit(self):
        self.refused(1, ["customer", "show", "K0042"], "no customer 'K0042'")

    def test_refuses_edit_of_unknown_customer(self):
        self.refused(1, ["customer", "edit", "nobody", "--phone", "1"], "no customer 'nobody'")

    def test_refuses_serial_registered_twice(self):
        err = self.refused(1, ["equipment", "add", "--customer", "K0002", "--serial",
                               "KYN-2024-0315", "--product", "开关柜"])
        self.assertEqual(err, "svc: the serial number KYN-2024-0315 is already registered to "
                              "K0001 (国网杭州供电公司)\n")

    def test_refuses_edit_of_unknown_serial(self):
        self.refused(1, ["equipment", "edit", "--serial", "NONE", "--location", "x"],
                     "no unit with the serial number 'NONE'")

    def test_refuses_bad_dates(self):
        self.refused(2, ["equipment", "add", "--customer", "K0002", "--serial", "S",
                         "--product", "P", "--warranty-until", "2026-02-30"], "--warranty-until")

    def test_refuses_bad_commissioned_date(self):
        self.refused(2, ["equipment", "add", "--customer", "K0002", "--serial", "S",
                         "--product", "P", "--commissioned", "yesterday"], "--commissioned")

    def test_refuses_empty_name(self):
        self.refused(2, ["customer", "add", "  "], "name is empty")

    def test_refuses_empty_rename(self):
        self.refused(2, ["customer", "edit", "K0001", "--name", ""], "name")

    def test_refuses_control_characters(self):
        self.refused(2, ["customer", "add", "甲\x1b[31m公司"], "U+001B")

    def test_refuses_control_characters_in_equipment(self):
        self.refused(2, ["equipment", "add", "--customer", "K0002", "--serial", "S\x07",
                         "--product", "P"], "U+0007")

    def test_refuses_an_edit_that_changes_nothing(self):
        self.refused(2, ["customer", "edit", "K0001"], "nothing to change")

    def test_refuses_missing_product(self):
        self.refused(2, ["equipment", "add", "--customer", "K0002", "--serial", "S"], "--product")

    def test_refuses_an_edit_before_the_file_was_created(self):
        err = self.refused(1, ["customer", "edit", "K0002", "--phone", "1", "--at",
                               "2026-11-29T09:00"])
        self.assertEqual(err, "svc: K0002: 'edit' at 2026-11-29T09:00:00+08:00 is not allowed: "
                              "it comes before the customer file was created\n")

    def test_refuses_at_in_the_future(self):
        self.refused(2, ["customer", "edit", "K0001", "--phone", "1", "--at",
                         "2026-12-01T10:00"], "later than now")

    def test_check_finds_a_damaged_customer_file(self):
        self.setup_two()
        path = self.path("customers", "K0002.toml")
        write_text(path, read_text(path).replace('name = "', 'name = ', 1))
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1)
        self.assertIn("customers/K0002.toml:3", out)

    def test_check_finds_a_serial_on_two_customers_and_a_gap(self):
        self.setup_two()
        k1 = self.customer_text("K0001")
        unit = k1[k1.index('[[event]]\nat = 2026-11-29T10:00:00+08:00\nactor = "王芳"\n'
                           'action = "equipment"'):]
        k2 = self.customer_text("K0002")
        write_text(self.path("customers", "K0002.toml"), k2 + "\n" + unit)
        os.rename(self.path("customers", "K0002.toml"), self.path("customers", "K0003.toml"))
        rc, out, err = self.svc("check")
        self.assertEqual(rc, 1)
        self.assertIn("the serial number KYN-2024-0315 is registered to K0001 too", out)
        self.assertIn("the file holds customer K0002", out)

    def test_audit_covers_customer_files(self):
        # svc audit judges every record folder: a hand-rewritten history is found.
        import subprocess
        env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@x",
                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@x")
        def git(*args):
            subprocess.run(["git", *args], cwd=self.records, check=True, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        git("init", "-q")
        self.setup_two()
        git("add", "-A")
        git("commit", "-q", "-m", "customers")
        path = self.path("customers", "K0001.toml")
        text = read_text(path)
        write_text(path, text.replace('model = "KYN28A-12"', 'model = "KYN28A-24"'))
        git("commit", "-q", "-am", "rewrite")
        rc, out, err = self.svc("audit")
        self.assertEqual(rc, 1, out + err)
        changed = [l for l in out.splitlines() if "event-changed" in l]
        self.assertEqual(len(changed), 1, out)
        self.assertIn("customers/K0001.toml", changed[0])


class CustomerMergeTest(GitCase):

    def test_two_clones_changing_one_customer_merge_keeping_both(self):
        w = self.world()
        d, e = w.start()
        code = w.ok(d, "customer", "add", "国网杭州供电公司", now=T("09:00"))
        self.assertEqual(code, "K0001")
        w.commit(d, "K0001")
        w.push(d)
        w.git(e, "pull", "-q", "--ff-only", "origin", "main")
        w.ok(d, "equipment", "add", "--customer", code, "--serial", "A-1", "--product", "开关柜",
             now=T("10:00"))
        w.ok(d, "customer", "edit", code, "--phone", "0571-1", now=T("10:05"))
        w.commit(d, "desk")
        w.push(d)
        w.ok(e, "equipment", "add", "--customer", code, "--serial", "B-2", "--product", "GIS",
             now=T("11:00"))
        w.ok(e, "equipment", "edit", "--serial", "B-2", "--location", "2号站", now=T("11:30"))
        w.commit(e, "engineer")
        rc, out = w.pull(e)
        self.assertEqual(rc, 0, out)
        self.assertCheckClean(w, e)
        merged = read_text(os.path.join(e, "customers", "K0001.toml"))
        self.assertEqual([ev["action"] for ev in events_of(merged)],
                         ["create", "equipment", "edit", "equipment", "equipment-edit"])
        shown = json.loads(w.ok(e, "customer", "show", code, "--json"))
        self.assertEqual([u["serial"] for u in shown["equipment"]], ["A-1", "B-2"])
        self.assertEqual(shown["phones"], ["0571-1"])

    def test_two_clones_creating_one_code_offline_is_a_conflict_keeping_both(self):
        w = self.world()
        d, e = w.start()
        self.assertEqual(w.ok(d, "customer", "add", "甲公司", now=T("09:00")), "K0001")
        w.commit(d, "K0001 at the desk")
        w.push(d)
        self.assertEqual(w.ok(e, "customer", "add", "乙公司", now=T("09:30")), "K0001")
        w.commit(e, "K0001 on the laptop")
        rc, out = w.pull(e)
        self.assertNotEqual(rc, 0, out)
        self.assertIn("customer K0001 was created in two clones for two different records", out)
        text = read_text(os.path.join(e, "customers", "K0001.toml"))
        self.assertIn("甲公司", text)  # git's conflict markers keep both
        self.assertIn("乙公司", text)


if __name__ == "__main__":
    unittest.main()
