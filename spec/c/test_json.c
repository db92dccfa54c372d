/*
** test_json.c: parsing through cJSON, error positions, locating paths.
*/
#include <stdlib.h> /* strtod */
#include <string.h>

#include "check.h"
#include "json_io.h"

static ree_err err;

static const char *doc_text =
    "{\n"
    "  \"title\": \"grades\",\n"
    "  \"grades\": [\n"
    "    {\"name\": \"a\", \"wt\": {\"Nd\": 30}},\n"
    "    {\"name\": \"b\",\n"
    "     \"wt\": {\"Nd\": 22, \"dysprosium\": 8}}\n"
    "  ]\n"
    "}\n";

static void json_should_parse_and_walk(void) {
  ree_json *doc;
  const ree_json_node *root, *child;
  CHECK_INT(ree_json_parse(&doc, doc_text, strlen(doc_text), &err), REE_OK);
  root = ree_json_root(doc);
  CHECK_INT(ree_json_type(root), REE_JSON_OBJECT);
  child = ree_json_child(root);
  CHECK_STR(ree_json_key(child), "title");
  CHECK_STR(ree_json_string(child), "grades");
  child = ree_json_next(child);
  CHECK_INT(ree_json_type(child), REE_JSON_ARRAY);
  CHECK(ree_json_next(child) == NULL);
  ree_json_free(doc);
}

static void json_should_locate_keys_and_elements(void) {
  ree_json_step path[4];
  size_t line, column;
  path[0].key = "grades";
  path[0].index = -1; /* any position */
  path[1].key = NULL;
  path[1].index = 1;
  path[2].key = "wt";
  path[2].index = -1;
  path[3].key = "dysprosium";
  path[3].index = 1; /* the second member of its object */
  CHECK_INT(ree_json_locate(doc_text, strlen(doc_text), path, 4, &line,
                            &column), REE_OK);
  CHECK_INT(line, 6);
  CHECK_INT(column, 23);
  CHECK_INT(ree_json_locate(doc_text, strlen(doc_text), path, 2, &line,
                            &column), REE_OK);
  CHECK_INT(line, 5);
  CHECK_INT(column, 5);
  path[3].index = 0; /* "Nd" stands first */
  CHECK_INT(ree_json_locate(doc_text, strlen(doc_text), path, 4, &line,
                            &column), REE_ENOTFOUND);
  path[3].key = "terbium";
  CHECK_INT(ree_json_locate(doc_text, strlen(doc_text), path, 4, &line,
                            &column), REE_ENOTFOUND);
}

static void json_should_report_where_the_text_breaks(void) {
  ree_json *doc = NULL;
  const char *bad = "{\n  \"a\": 1,\n  \"b\": tru\n}";
  CHECK_INT(ree_json_parse(&doc, bad, strlen(bad), &err), REE_ESYNTAX);
  CHECK(doc == NULL);
  CHECK_STR(err.msg, "invalid JSON at line 3, column 8 near 't'");
  CHECK_INT(ree_json_parse(&doc, "[1, 2", 5, &err), REE_ESYNTAX);
  /* cJSON stops at the last value it could not finish */
  CHECK_STR(err.msg, "invalid JSON at line 1, column 5 near '2'");
  CHECK_INT(ree_json_parse(&doc, "[1, ", 4, &err), REE_ESYNTAX);
  CHECK_STR(err.msg, "invalid JSON at line 1, column 5: unexpected end of text");
  CHECK_INT(ree_json_parse(&doc, "[1] [2]", 7, &err), REE_ESYNTAX);
  CHECK_STR(err.msg, "invalid JSON at line 1, column 5: text after the document");
  CHECK_INT(ree_json_parse(&doc, "", 0, &err), REE_ESYNTAX);
}

static void json_should_survive_every_allocation_failure(void) {
  int n;
  for (n = 0; n < 40; n++) {
    ree_json *doc = NULL;
    int rc;
    check_allocations_fail_after(n);
    rc = ree_json_parse(&doc, doc_text, strlen(doc_text), &err);
    check_allocations_restore();
    CHECK(rc == REE_OK || rc == REE_ENOMEM || rc == REE_ESYNTAX);
    CHECK((rc == REE_OK) == (doc != NULL));
    ree_json_free(doc);
  }
}

static void json_should_not_crash_with_null_pointers(void) {
  size_t line, column;
  ree_json_free(NULL);
  CHECK(ree_json_root(NULL) == NULL);
  CHECK(ree_json_child(NULL) == NULL);
  CHECK(ree_json_next(NULL) == NULL);
  CHECK(ree_json_key(NULL) == NULL);
  CHECK(ree_json_string(NULL) == NULL);
  CHECK_INT(ree_json_parse(NULL, "1", 1, &err), REE_EINVAL);
  CHECK_INT(ree_json_locate(NULL, 0, NULL, 0, &line, &column), REE_EINVAL);
}

/* Each number prints with the fewest digits that read back to it: 0.1 in
** 15, 1/3 and 4168.0453112048007824 in 16 (their 15 digits come back an
** ulp off, and cJSON's own printing, which compares within an epsilon,
** would keep them: a scenario's export lost the last bits so). */
static void json_should_print_numbers_that_read_back_exactly(void) {
  static const double values[] = {0.1, 1.0 / 3.0, 4168.0453112048007824, 2005,
                                  -0.0, 1e-300, 1.7976931348623157e308};
  static const char *texts[] = {"0.1", "0.3333333333333333",
                                "4168.045311204801", "2005", "-0",
                                "1e-300", "1.7976931348623157e+308"};
  size_t i;
  for (i = 0; i < sizeof values / sizeof values[0]; i++) {
    ree_json_node *node = ree_json_new_number(values[i]);
    char *text = ree_json_print(node, 0);
    CHECK_STR(text, texts[i]);
    CHECK(strtod(text, NULL) == values[i]);
    ree_free(text);
    ree_json_node_free(node);
  }
  {
    ree_json_node *nan = ree_json_new_number(0.0 / 0.0);
    char *text = ree_json_print(nan, 0);
    CHECK_STR(text, "null");
    ree_free(text);
    ree_json_node_free(nan);
  }
}

int main(void) {
  RUN(json_should_parse_and_walk);
  RUN(json_should_locate_keys_and_elements);
  RUN(json_should_report_where_the_text_breaks);
  RUN(json_should_survive_every_allocation_failure);
  RUN(json_should_not_crash_with_null_pointers);
  RUN(json_should_print_numbers_that_read_back_exactly);
  return check_report();
}
