// Command verify checks jejak's C2SP text formats with Go's own
// golang.org/x/mod/sumdb/{note,tlog}: a signed checkpoint, tlog-proof files
// (c2sp.org/tlog-proof@v1) and an add-checkpoint body (c2sp.org/tlog-witness).
//
//	verify VKEY CHECKPOINT [ENTRY TLOG-PROOF]... [-consistency OLD-CHECKPOINT BODY]
//	verify -open VKEY NOTE...
//
// Every proof and body must carry CHECKPOINT's tree (the same size and root,
// signed by VKEY's key). Exit 0 when everything verifies, 1 with a message
// otherwise. With -open, it prints note.Open's verdict on each NOTE, one
// line each: "ok", "malformed", "corruption" (a bad or missing signature by
// the key) or "other <error>".
package main

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

var verifiers note.Verifiers

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "verify: "+format+"\n", args...)
	os.Exit(1)
}

func read(path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		fail("%v", err)
	}
	return b
}

// openCheckpoint verifies a signed checkpoint note and returns its size and root.
func openCheckpoint(what string, msg []byte) (int64, tlog.Hash) {
	n, err := note.Open(msg, verifiers)
	if err != nil {
		fail("%s: %v", what, err)
	}
	lines := strings.SplitN(n.Text, "\n", 4)
	if len(lines) < 4 || lines[0] == "" {
		fail("%s: not a checkpoint", what)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		fail("%s: bad size %q", what, lines[1])
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		fail("%s: bad root hash %q", what, lines[2])
	}
	var h tlog.Hash
	copy(h[:], root)
	return size, h
}

// splitProof splits "<header lines>\n<hash lines>\n\n<checkpoint>" after the
// first `header` lines, each starting with the matching prefix.
func splitProof(what string, msg []byte, prefixes ...string) ([]string, []tlog.Hash, []byte) {
	i := bytes.Index(msg, []byte("\n\n"))
	if i < 0 {
		fail("%s: no empty line", what)
	}
	lines := strings.Split(string(msg[:i]), "\n")
	var values []string
	for _, p := range prefixes {
		if len(lines) > 0 && p == "extra " && !strings.HasPrefix(lines[0], p) {
			continue // optional
		}
		if len(lines) == 0 || !strings.HasPrefix(lines[0], p) {
			fail("%s: want %q line", what, p)
		}
		values = append(values, strings.TrimPrefix(lines[0], p))
		lines = lines[1:]
	}
	var hashes []tlog.Hash
	for _, l := range lines {
		h, err := tlog.ParseHash(l)
		if err != nil {
			fail("%s: bad hash %q", what, l)
		}
		hashes = append(hashes, h)
	}
	return values, hashes, msg[i+2:]
}

// openVerdicts prints note.Open's verdict on each file.
func openVerdicts(vkey string, files []string) {
	v, err := note.NewVerifier(vkey)
	if err != nil {
		fail("vkey: %v", err)
	}
	for _, f := range files {
		_, err := note.Open(read(f), note.VerifierList(v))
		var unverified *note.UnverifiedNoteError
		var invalid *note.InvalidSignatureError
		switch {
		case err == nil:
			fmt.Println("ok")
		case errors.As(err, &unverified) || errors.As(err, &invalid):
			fmt.Println("corruption")
		case err.Error() == "malformed note":
			fmt.Println("malformed")
		default:
			fmt.Println("other", err)
		}
	}
}

func main() {
	args := os.Args[1:]
	if len(args) >= 2 && args[0] == "-open" {
		openVerdicts(strings.TrimSpace(string(read(args[1]))), args[2:])
		return
	}
	if len(args) < 2 {
		fail("usage: verify VKEY CHECKPOINT [ENTRY TLOG-PROOF]... [-consistency OLD-CHECKPOINT BODY]")
	}
	v, err := note.NewVerifier(strings.TrimSpace(string(read(args[0]))))
	if err != nil {
		fail("vkey: %v", err)
	}
	verifiers = note.VerifierList(v)
	size, root := openCheckpoint(args[1], read(args[1]))
	for args = args[2:]; len(args) >= 2; args = args[2:] {
		if args[0] == "-consistency" {
			if len(args) != 3 {
				fail("-consistency takes OLD-CHECKPOINT BODY, last")
			}
			oldSize, oldRoot := openCheckpoint(args[1], read(args[1]))
			values, proof, cp := splitProof(args[2], read(args[2]), "old ")
			if values[0] != strconv.FormatInt(oldSize, 10) {
				fail("%s: old %s, old checkpoint has %d", args[2], values[0], oldSize)
			}
			newSize, newRoot := openCheckpoint(args[2]+" checkpoint", cp)
			if newSize != size || newRoot != root {
				fail("%s: body is for another tree than %s", args[2], os.Args[2])
			}
			if err := tlog.CheckTree(proof, newSize, newRoot, oldSize, oldRoot); err != nil {
				fail("%s: consistency %d -> %d: %v", args[2], oldSize, newSize, err)
			}
			args = args[1:]
			continue
		}
		entry := read(args[0])
		values, proof, cp := splitProof(args[1], read(args[1]), "c2sp.org/tlog-proof@v1", "extra ", "index ")
		index, err := strconv.ParseInt(values[len(values)-1], 10, 64)
		if err != nil {
			fail("%s: bad index", args[1])
		}
		pSize, pRoot := openCheckpoint(args[1]+" checkpoint", cp)
		if err := tlog.CheckRecord(proof, pSize, pRoot, index, tlog.RecordHash(entry)); err != nil {
			fail("%s: inclusion of %s at %d: %v", args[1], args[0], index, err)
		}
		if pSize != size || pRoot != root {
			fail("%s: proof is for another tree than %s", args[1], os.Args[2])
		}
	}
	if len(args) != 0 {
		fail("unpaired argument %q", args[0])
	}
}
