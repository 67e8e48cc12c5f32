/*
 * fuzz_html.c — HTML pages: the public API with WINNOW_INPUT_HTML (charset
 * detection, libxml2 SAX -> node model, metadata, extraction, clean, meta,
 * render), then the encoding and model stages directly:
 *
 *   - wn_html_to_utf8 with a declared charset chosen by the first byte: if
 *     the input starts with '#', its first line (up to 80 bytes) is the
 *     declared value verbatim (a label or a Content-Type, as a WARC or
 *     feed would pass it) and the rest is the page; otherwise the first
 *     byte picks a label from a table (or none) and the whole input is the
 *     page. The result must be valid UTF-8 with a charset name reported.
 *   - wn_dom_build on that UTF-8 with small depth/node limits; node links
 *     must stay inside the node array.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "dom/dom.h"

static winnow_options *opts;

static const char *const LABELS[] = {
    NULL, "utf-8", "UTF8", "windows-1252", "iso-8859-1", "latin1", "utf-16", "utf-16be",
    "utf-16le", "shift_jis", "sjis", "euc-jp", "iso-2022-jp", "gbk", "gb2312", "gb18030",
    "big5", "euc-kr", "koi8-r", "koi8-u", "windows-1251", "iso-8859-7", "macintosh",
    "x-mac-cyrillic", "ibm866", "windows-874", "text/html; charset=utf-8",
    "text/html;charset=\"shift_jis\"", "text/html; charset='euc-kr", "x-user-defined",
    "replacement", "", "bogus-charset",
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    opts = fuzz_options(WINNOW_INPUT_HTML, 1, 1);
    return 0;
}

static void check_dom(const wn_dom *dom)
{
    FUZZ_CHECK(dom->n >= 1 && dom->nodes != NULL, "empty model");
    for (size_t i = 0; i < dom->n; i++) {
        const wn_node *nd = &dom->nodes[i];
        FUZZ_CHECK(nd->parent < dom->n && nd->first < dom->n && nd->last < dom->n &&
                       nd->next < dom->n,
                   "node %zu links outside the %zu nodes", i, dom->n);
        if (i) FUZZ_CHECK(nd->parent < i, "node %zu has parent %u after it", i, nd->parent);
        if (nd->type == WN_NODE_TEXT) {
            FUZZ_CHECK(nd->text != NULL || nd->len == 0, "text node without text");
            fuzz_touch(nd->text, nd->len);
        } else {
            FUZZ_CHECK(nd->tag < WN_TAG_COUNT_, "tag id %u", nd->tag);
            for (uint32_t k = 0; k < nd->nattr; k++) {
                FUZZ_CHECK(nd->attr[k].name && nd->attr[k].value, "attribute without name/value");
                (void)strlen(nd->attr[k].name);
                (void)strlen(nd->attr[k].value);
            }
        }
    }
    for (size_t i = 0; i < dom->jsonld.n; i++) (void)strlen(dom->jsonld.v[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_run_stream(opts, data, size, 1);

    char declared[81];
    const char *decl = NULL;
    const char *page = (const char *)data;
    size_t n = size;
    if (size && data[0] == '#') {
        const uint8_t *nl = memchr(data + 1, '\n', size - 1);
        size_t l = nl ? (size_t)(nl - data - 1) : size - 1;
        if (l > 80) l = 80;
        memcpy(declared, data + 1, l);
        declared[l] = 0;
        decl = declared;
        size_t skip = nl ? (size_t)(nl - data) + 1 : size;
        page += skip;
        n -= skip;
    } else if (size) {
        decl = LABELS[data[0] % (sizeof LABELS / sizeof *LABELS)];
    }

    wn_arena a;
    wn_arena_init(&a);
    size_t out_len = (size_t)-1;
    const char *used = NULL;
    char *utf8 = wn_html_to_utf8(&a, page, n, decl, &out_len, &used);
    FUZZ_CHECK(utf8 != NULL, "wn_html_to_utf8 returned NULL");
    FUZZ_CHECK(used != NULL, "no charset reported");
    (void)strlen(used);
    FUZZ_CHECK(out_len != (size_t)-1, "out_len not set");
    FUZZ_CHECK(wn_utf8_valid(utf8, out_len), "wn_html_to_utf8 (declared %s, used %s) gave invalid UTF-8",
               decl ? decl : "(none)", used);

    wn_dom dom;
    memset(&dom, 0, sizeof dom);
    if (wn_dom_build(&a, utf8, out_len, 24, 2000, &dom) == 0) {
        check_dom(&dom);
        FUZZ_CHECK(dom.n <= 2000 + 1, "%zu nodes past the limit of 2000", dom.n);
    }
    wn_arena_release(&a);
    return 0;
}
