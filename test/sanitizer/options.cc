/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Default options of the sanitizer build (CMake's NATT_SANITIZE), linked into
// every natt executable of that build: the tests, the natt command the CLI
// and matrix tests spawn, and the examples. Compiled in rather than exported
// by scripts/sanitize-test.sh, so a plain `ctest` in build-asan, a spawned
// child and a hand-run binary all check the same way. ASAN_OPTIONS,
// UBSAN_OPTIONS and LSAN_OPTIONS in the environment still override a flag
// (the fuzz tests set detect_leaks=1 that way).
//
// Each runtime asks for its defaults before main(), so these functions use
// nothing that needs construction.

#ifndef NATT_SANITIZER_DIR
#error "NATT_SANITIZER_DIR names the folder of the suppression files"
#endif

extern "C"
{
    /**
     * AddressSanitizer:
     * - detect_leaks=1: LeakSanitizer at exit (its default on x86-64 Linux,
     *   said here because the build depends on it);
     * - check_initialization_order=1, strict_init_order=1: natt's catalogue
     *   entries and TypeIds register themselves from static initialisers in
     *   many files; a read of another file's global before it is constructed
     *   is a finding;
     * - detect_stack_use_after_return=1: a callback or a pointer kept past the
     *   frame it points into (ns-3 Callbacks bind pointers) is a finding.
     * Container-overflow checks need annotated containers; Debian's libstdc++
     * annotates std::vector only with _GLIBCXX_SANITIZE_VECTOR, which nothing
     * here defines, so vectors that cross into the uninstrumented ns-3
     * libraries give no false reports and the check needs no switch.
     */
    const char* __asan_default_options()
    {
        return "detect_leaks=1:check_initialization_order=1:strict_init_order=1:"
               "detect_stack_use_after_return=1";
    }

    /**
     * LeakSanitizer: the suppressions name only ns-3's and the C library's
     * own allocations (one reason per line in the file); natt's code is
     * never suppressed.
     */
    const char* __lsan_default_options()
    {
        return "suppressions=" NATT_SANITIZER_DIR "/lsan.supp:print_suppressions=0";
    }

    /**
     * UndefinedBehaviorSanitizer: the build compiles with
     * -fno-sanitize-recover, so the first finding ends the process with an
     * error; the stack says where it came from.
     */
    const char* __ubsan_default_options()
    {
        return "print_stacktrace=1:halt_on_error=1:suppressions=" NATT_SANITIZER_DIR
               "/ubsan.supp:print_suppressions=0";
    }
}
