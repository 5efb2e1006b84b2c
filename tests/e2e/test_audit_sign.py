"""Signed commits (issue 15: "Signing made easy", and the signature half of
`svc audit`), with real `ssh-keygen` keys and real git repositories.

The world is test_git.py's (a bare origin, the desk's clone, an engineer's
clone, isolated from the machine's git configuration); here the desk's admin
bootstraps `allowed_signers` with `svc git-setup --sign` in the first commit,
and svc.toml says `[audit] signed = true`.

Covered: a history signed by allowed keys passes (exit 0); an unsigned
commit, a commit signed by an unknown key, a commit whose signature does not
verify, and (after a later commit removes a signer) that signer's commits are
reported with their commit and the rule `unsigned` (exit 1); a signer retired
with valid-before keeps its past commits clean; a commit adding a signer,
signed by a key not yet allowed, is reported; `svc git-setup --sign` with a
file that is no key (exit 2, one line, nothing written), the same key twice
(nothing changes), and `--allow` for another person's key.
"""

import os
import re
import shutil
import subprocess
import unittest

from svctest import read_bytes, read_text, snapshot, write_text
from test_git import GIT_DATE, GitCase, T

HAVE_SSH_KEYGEN = shutil.which("ssh-keygen") is not None

UNSIGNED = "changed allowed_signers without a signature from a key it already allowed"


@unittest.skipUnless(HAVE_SSH_KEYGEN, "ssh-keygen (openssh-client) is not installed")
class SignedAuditTest(GitCase):

    # --- the world ----------------------------------------------------------

    def key(self, name):
        """A new ed25519 key pair without passphrase; returns the private key's path."""
        path = os.path.join(self.tmp, "keys", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name + "@laptop",
                        "-f", path], check=True, stdout=subprocess.DEVNULL)
        return path

    def fingerprint(self, key):
        out = subprocess.run(["ssh-keygen", "-l", "-f", key + ".pub"], check=True,
                             stdout=subprocess.PIPE).stdout.decode()
        return out.split()[1]

    def start(self):
        """origin; the desk's clone, whose admin (王芳) bootstraps allowed_signers
        with her key and [audit] signed = true in the first commit, signed;
        the engineer's clone (张伟), which does not sign yet."""
        w = self.world()
        w.env["SSH_AUTH_SOCK"] = None
        w.git(w.base, "-c", "init.defaultBranch=main", "init", "-q", "--bare", w.origin)
        w.desk = w.clone("desk", "王芳")
        rc, out, err = w.svc(w.desk, "init", ".", records=False)
        self.assertEqual(rc, 0, err)
        with open(os.path.join(w.desk, "svc.toml"), "a", encoding="utf-8") as f:
            f.write("\n[audit]\nsigned = true\n")
        self.admin = self.key("admin")
        rc, out, err = w.svc(w.desk, "git-setup", "--sign", self.admin)
        self.assertEqual(rc, 0, err)
        w.commit(w.desk, "records directory")
        w.push(w.desk)
        w.eng = w.clone("eng", "张伟")
        w.ok(w.eng, "git-setup")
        return w

    def audit(self, w, clone, *args):
        """svc audit in `clone`: (rc, findings as lists of words split at ': ', stderr)."""
        rc, out, err = w.svc(clone, "audit", *args)
        return rc, [line for line in out.splitlines() if line], err

    def assertFinding(self, lines, commit, rule, *phrases, file=None):
        """One finding line for `commit` with `rule` (and `file`) holding every phrase."""
        mine = [line for line in lines if line.startswith(commit[:12] + " ")]
        self.assertTrue(mine, "no finding for {}:\n{}".format(commit[:12], "\n".join(lines)))
        for line in mine:
            if (": {}: ".format(rule) in line
                    and (file is None or ": {}: {}: ".format(file, rule) in line)
                    and all(p in line for p in phrases)):
                return line
        self.fail("no {} finding for {} with {}:\n{}".format(rule, commit[:12], phrases,
                                                             "\n".join(lines)))

    def signed_ticket(self, w, clone, date=None):
        """A ticket opened in `clone` and committed there; returns the commit."""
        tid = w.ok(clone, "open", "--via", "YX", "--customer", "华东电网",
                   "--received-at", T("09:00"), "--at", T("09:05"), now=T("09:30"))
        return w.commit(clone, "{}: open".format(tid), date=date)

    def allowed_lines(self, w, clone):
        return [line for line in read_text(os.path.join(clone, "allowed_signers")).splitlines()
                if line.strip()]

    # --- the audit's verdicts -------------------------------------------------

    def test_signed_by_allowed_keys_passes(self):
        w = self.start()
        self.signed_ticket(w, w.desk)
        rc, lines, err = self.audit(w, w.desk)
        self.assertEqual((rc, lines), (0, []), err)
        self.assertIn("audited 2 commits: no findings", err)
        # git itself agrees in the clone: verify-commit uses the records' file.
        w.git(w.desk, "verify-commit", "HEAD")

    def test_unsigned_and_unknown_key_reported(self):
        w = self.start()
        w.git(w.eng, "pull", "-q", "--ff-only", "origin", "main")
        unsigned = self.signed_ticket(w, w.eng)
        stranger = self.key("stranger")
        w.git(w.eng, "config", "gpg.format", "ssh")
        w.git(w.eng, "config", "user.signingkey", stranger)
        w.git(w.eng, "config", "commit.gpgsign", "true")
        unknown = self.signed_ticket(w, w.eng)
        rc, lines, err = self.audit(w, w.eng)
        self.assertEqual(rc, 1, err)
        self.assertEqual(len(lines), 2, lines)
        self.assertFinding(lines, unsigned, "unsigned", "the commit is not signed")
        self.assertFinding(lines, unknown, "unsigned", self.fingerprint(stranger),
                           "which allowed_signers does not allow")
        self.assertIn("audited 3 commits: 2 findings", err)
        # --json names the commit in full.
        rc, out, err = w.svc(w.eng, "--json", "audit")
        self.assertEqual(rc, 1)
        self.assertIn('"commit": "{}"'.format(unknown), out.replace('":"', '": "'))

    def test_bad_signature_reported(self):
        w = self.start()
        good = self.signed_ticket(w, w.desk)
        # The same commit with its message changed after signing.
        raw = w.git(w.desk, "cat-file", "commit", good)[1]
        self.assertIn("-----BEGIN SSH SIGNATURE-----", raw)
        forged_text = raw.replace(": open\n", ": open (edited)\n")
        forged_file = os.path.join(self.tmp, "forged")
        write_text(forged_file, forged_text)
        forged = w.git(w.desk, "hash-object", "-t", "commit", "-w", forged_file)[1].strip()
        w.git(w.desk, "reset", "-q", "--hard", forged)
        rc, lines, err = self.audit(w, w.desk)
        self.assertEqual(rc, 1, err)
        self.assertEqual(len(lines), 1, lines)
        self.assertFinding(lines, forged, "unsigned", "signature does not verify")

    def test_removed_signer_reported_retired_signer_not(self):
        w = self.start()
        eng_key = self.key("zhang")
        # The admin allows the engineer's key (his .pub, named by --actor), signed.
        rc, out, err = w.svc(w.desk, "git-setup", "--allow", eng_key + ".pub", actor="张伟")
        self.assertEqual(rc, 0, err)
        w.commit(w.desk, "allowed_signers: add 张伟")
        w.push(w.desk)
        # The engineer signs with it: the key is there already, nothing changes.
        w.git(w.eng, "pull", "-q", "--ff-only", "origin", "main")
        before = read_bytes(os.path.join(w.eng, "allowed_signers"))
        rc, out, err = w.svc(w.eng, "git-setup", "--sign", eng_key)
        self.assertEqual(rc, 0, err)
        self.assertIn("already allows this key", err)
        self.assertEqual(read_bytes(os.path.join(w.eng, "allowed_signers")), before)
        self.assertEqual(w.git(w.eng, "status", "--porcelain")[1], "")
        eng_commit = self.signed_ticket(w, w.eng, date=T("10:00"))
        w.push(w.eng)
        rc, lines, err = self.audit(w, w.eng)
        self.assertEqual((rc, lines), (0, []), err)

        # Retired with valid-before (the day after his commit): his past
        # commit stays clean; one signed after the date is reported.
        w.git(w.desk, "pull", "-q", "--ff-only", "origin", "main")
        path = os.path.join(w.desk, "allowed_signers")
        text = read_text(path)
        retired = re.sub(r'^("张伟") namespaces="git"', r'\1 namespaces="git",valid-before="20261130"',
                         text, flags=re.M)
        self.assertNotEqual(retired, text)
        write_text(path, retired)
        w.commit(w.desk, "allowed_signers: retire 张伟's key", date=T("12:00"))
        rc, lines, err = self.audit(w, w.desk)
        self.assertEqual((rc, lines), (0, []), err)
        w.push(w.desk)
        w.git(w.eng, "pull", "-q", "--ff-only", "origin", "main")
        late = self.signed_ticket(w, w.eng, date=T("10:00", day=1, month=12))
        rc, lines, err = self.audit(w, w.eng)
        self.assertEqual(rc, 1, err)
        self.assertEqual(len(lines), 1, lines)
        self.assertFinding(lines, late, "unsigned", self.fingerprint(eng_key))
        w.push(w.eng)

        # Removed: the audit after the removal reports his past commits.
        w.git(w.desk, "pull", "-q", "--ff-only", "origin", "main")
        kept = [line for line in text.splitlines() if not line.startswith('"张伟"')]
        write_text(path, "\n".join(kept) + "\n")
        removal = w.commit(w.desk, "allowed_signers: remove 张伟's key (laptop lost)")
        rc, lines, err = self.audit(w, w.desk)
        self.assertEqual(rc, 1, err)
        self.assertFinding(lines, eng_commit, "unsigned", self.fingerprint(eng_key))
        self.assertFinding(lines, late, "unsigned", self.fingerprint(eng_key))
        self.assertFalse([line for line in lines if line.startswith(removal[:12])], lines)
        self.assertEqual(len(lines), 2, lines)

    def test_new_signer_signed_by_a_key_not_yet_allowed(self):
        w = self.start()
        w.git(w.eng, "pull", "-q", "--ff-only", "origin", "main")
        own = self.key("zhang")
        # The engineer adds his own key and commits it (--commit), signed by
        # that key: not one allowed_signers already allowed.
        rc, out, err = w.svc(w.eng, "--commit", "git-setup", "--sign", own)
        self.assertEqual(rc, 0, err)
        self.assertNotIn("git add", err)
        added = w.head(w.eng)
        self.assertEqual(w.git(w.eng, "log", "-1", "--format=%s")[1].strip(),
                         "allowed_signers: add 张伟")
        self.assertEqual(w.git(w.eng, "status", "--porcelain")[1], "")
        rc, lines, err = self.audit(w, w.eng)
        self.assertEqual(rc, 1, err)
        self.assertEqual(len(lines), 1, lines)
        line = self.assertFinding(lines, added, "unsigned", UNSIGNED, file="allowed_signers")
        self.assertIn(self.fingerprint(own), line)
        # The admin's signature on the same change passes.
        w.git(w.eng, "reset", "-q", "--hard", "origin/main")
        rc, out, err = w.svc(w.desk, "git-setup", "--allow", own + ".pub", actor="张伟")
        self.assertEqual(rc, 0, err)
        w.commit(w.desk, "allowed_signers: add 张伟")
        rc, lines, err = self.audit(w, w.desk)
        self.assertEqual((rc, lines), (0, []), err)

    # --- svc git-setup --sign --------------------------------------------------

    def test_sign_configures_the_clone_and_adds_the_key(self):
        w = self.start()
        lines = self.allowed_lines(w, w.desk)
        pub = read_text(self.admin + ".pub").split()
        self.assertEqual(lines, ['"王芳" namespaces="git" {} {} {}'.format(*pub)])
        config = {k: w.git(w.desk, "config", "--local", k)[1].strip()
                  for k in ("gpg.format", "user.signingkey", "commit.gpgsign",
                            "gpg.ssh.allowedSignersFile")}
        self.assertEqual(config, {
            "gpg.format": "ssh",
            "user.signingkey": os.path.realpath(self.admin),
            "commit.gpgsign": "true",
            "gpg.ssh.allowedSignersFile": os.path.realpath(os.path.join(w.desk,
                                                                        "allowed_signers")),
        })
        # The principal without --actor: git's user.email.
        other = self.key("other")
        env_actor = w.users.pop(w.eng)
        rc, out, err = w.svc(w.eng, "git-setup", "--sign", other + ".pub")
        w.users[w.eng] = env_actor
        self.assertEqual(rc, 0, err)
        self.assertIn("git add", err)
        self.assertIn("allowed_signers: add eng@example.com", err)
        self.assertTrue(self.allowed_lines(w, w.eng)[-1].startswith(
            'eng@example.com namespaces="git" ssh-ed25519 '))

    def test_same_key_twice_changes_nothing(self):
        w = self.start()
        before = snapshot(w.desk)
        rc, out, err = w.svc(w.desk, "git-setup", "--sign", self.admin + ".pub")
        self.assertEqual(rc, 0, err)
        self.assertIn("already allows this key (for \"王芳\")", err)
        self.assertNotIn("git add", err)
        after = snapshot(w.desk)
        # Only the signing key's path in git's config may differ (.pub now).
        self.assertEqual({k for k in set(before) | set(after) if before.get(k) != after.get(k)},
                         {".git/config"})
        self.assertEqual(len(self.allowed_lines(w, w.desk)), 1)

    def test_bad_key_file_refused(self):
        w = self.start()
        junk = os.path.join(self.tmp, "notakey.txt")
        write_text(junk, "hello\n")
        broken = os.path.join(self.tmp, "broken.pub")
        write_text(broken, "ssh-ed25519 AAAAnotbase64!! x@y\n")
        before = snapshot(w.eng)
        for bad in (junk, broken, os.path.join(self.tmp, "missing")):
            rc, out, err = w.svc(w.eng, "git-setup", "--sign", bad)
            self.assertEqual(rc, 2, err)
            self.assertEqual(out, "")
            self.assertEqual(err.count("\n"), 1, err)
            self.assertTrue(err.startswith("svc: --sign: " + bad), err)
            self.assertEqual(snapshot(w.eng), before)
        rc, out, err = w.svc(w.eng, "git-setup", "--sign", junk, "--allow", junk)
        self.assertEqual(rc, 2, err)
        self.assertEqual(snapshot(w.eng), before)

    def test_private_key_with_passphrase_needs_no_passphrase(self):
        w = self.start()
        path = os.path.join(self.tmp, "keys", "locked")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "secret", "-C", "locked",
                        "-f", path], check=True, stdout=subprocess.DEVNULL)
        rc, out, err = w.svc(w.eng, "git-setup", "--sign", path)
        self.assertEqual(rc, 0, err)
        pub = read_text(path + ".pub").split()
        self.assertEqual(self.allowed_lines(w, w.eng)[-1],
                         '"张伟" namespaces="git" {} {} locked'.format(pub[0], pub[1]))
        # Without the .pub beside it: the key, without its comment.
        os.rename(path + ".pub", path + ".elsewhere")
        rc, out, err = w.svc(w.desk, "git-setup", "--allow", path, actor="li")
        self.assertEqual(rc, 0, err)
        self.assertEqual(self.allowed_lines(w, w.desk)[-1],
                         'li namespaces="git" {} {}'.format(pub[0], pub[1]))


if __name__ == "__main__":
    unittest.main()
