/*
 * arena_fixture.h — the cmocka fixture the unit tests share: a fresh arena
 * for every test (setup), released after it (teardown), so each test's
 * allocations are checked for leaks and overruns on their own.
 */
#ifndef WN_TEST_ARENA_FIXTURE_H
#define WN_TEST_ARENA_FIXTURE_H

#include "core/core.h"

static wn_arena arena;

static int setup(void **state)
{
    (void)state;
    wn_arena_init(&arena);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    wn_arena_release(&arena);
    return 0;
}

#endif
