/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import dev.bulwark.policy.Context;
import dev.bulwark.policy.Decision;
import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.InMemoryEntityStore;
import dev.bulwark.policy.PolicyEngine;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.PolicySet;
import dev.bulwark.policy.Request;
import dev.bulwark.policy.Schema;
import dev.bulwark.policy.ValidationIssue;
import dev.bulwark.policy.ValidationResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stateless, thread-safe {@code bulwark policy ...} command line ({@code conformance}, {@code
 * authorize}, {@code check}, {@code validate}); {@link #run(String[], PrintStream, PrintStream)}
 * may be called concurrently with distinct streams.
 *
 * <ul>
 *   <li>{@code conformance DIR...}: runs every Cedar integration test under the folders, prints
 *       each failing request, ends with {@code N passed, N failed} and, for the validator's
 *       verdicts against each test's {@code shouldValidate}, {@code validation: N passed, N
 *       failed}; exit 0 iff none failed.
 *   <li>{@code authorize --policies P [--entities E] [--schema S] --principal UID --action UID
 *       --resource UID [--context C]}: prints the decision as one line of JSON; exit 0 allow, 1
 *       deny, 2 usage or parse error. {@code E} and {@code C} are each a file or inline JSON (see
 *       {@link #jsonArgument}); without {@code --entities} the store is empty. An entity id must be
 *       quoted ({@code User::"alice"}): an unquoted one, usually a shell's doing, is refused with
 *       the quoted spelling.
 *   <li>{@code check P... [--schema S]}: parses each policy file (Cedar text, or the JSON format if
 *       the name ends in {@code .json}) and reports errors with the file, line and column; the
 *       {@code @id} ids (and the ids of a JSON file) must be unique across the files, while
 *       positional ids ({@code policy0}, ...) belong to their file; with a schema, validates each
 *       file too; exit 0 if all parse (and validate), 1 if one does not validate, 2 otherwise.
 *       Every file is checked even after one fails.
 *   <li>{@code validate --schema S [--level N] POLICIES...}: validates each policy file against the
 *       schema and prints the findings like a compiler ({@code file:line:col: error: ...}); exit 0
 *       all valid, 1 some invalid, 2 usage or parse error.
 * </ul>
 */
final class PolicyTool {
  /** Exit code: allowed / success. */
  public static final int OK = 0;

  /** Exit code: denied / failures. */
  public static final int DENY = 1;

  /** Exit code: usage or parse error. */
  public static final int USAGE = 2;

  private PolicyTool() {}

  /**
   * Runs one command.
   *
   * @param args the arguments after {@code policy}
   * @param out standard output
   * @param err standard error
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      usage(err);
      return USAGE;
    }
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "conformance":
        return conformance(rest, out, err);
      case "authorize":
        return authorize(rest, out, err);
      case "check":
        return check(rest, out, err);
      case "validate":
        return validate(rest, out, err);
      default:
        err.println("unknown policy command: " + args[0]);
        usage(err);
        return USAGE;
    }
  }

  private static void usage(PrintStream err) {
    err.println("usage: policy conformance DIR...");
    err.println(
        "       policy authorize --policies P [--entities FILE_OR_JSON] [--schema S] "
            + "--principal UID --action UID --resource UID [--context FILE_OR_JSON]");
    err.println("       policy check P... [--schema S]");
    err.println("       policy validate --schema S [--level N] POLICIES...");
  }

  private static int conformance(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("policy conformance: give at least one folder");
      return USAGE;
    }
    List<Path> roots = new ArrayList<>();
    for (String a : args) {
      roots.add(Path.of(a));
    }
    List<Conformance.Outcome> outcomes;
    try {
      outcomes = new Conformance().runAll(roots);
    } catch (IOException e) {
      err.println("policy conformance: " + e.getMessage());
      return USAGE;
    }
    int passed = 0;
    int failed = 0;
    for (Conformance.Outcome o : outcomes) {
      if (o.passed()) {
        passed++;
      } else {
        failed++;
        out.println("FAIL " + o.id + ": " + o.failure);
      }
    }
    if (outcomes.isEmpty()) {
      err.println("policy conformance: warning: no test files found under " + roots);
    }
    out.println(passed + " passed, " + failed + " failed");
    int vPassed = 0;
    int vFailed = 0;
    try {
      for (Conformance.Outcome o : new Conformance().validateAll(roots)) {
        if (o.passed()) {
          vPassed++;
        } else {
          vFailed++;
          out.println("FAIL validation " + o.id + ": " + o.failure);
        }
      }
    } catch (IOException e) {
      err.println("policy conformance: " + e.getMessage());
      return USAGE;
    }
    out.println("validation: " + vPassed + " passed, " + vFailed + " failed");
    return failed == 0 && vFailed == 0 ? OK : DENY;
  }

  /**
   * {@code validate --schema S [--level N] POLICIES...}: validates each policy file against the
   * schema and prints the findings like a compiler; 0 all valid, 1 some invalid, 2 usage or parse
   * error.
   */
  private static int validate(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> o;
    List<String> positional = new ArrayList<>();
    int level = -1;
    try {
      o = options(args, positional, List.of("schema", "level"));
      if (!o.containsKey("schema")) {
        throw new IllegalArgumentException("--schema is required");
      }
      if (positional.isEmpty()) {
        throw new IllegalArgumentException("give at least one policy file");
      }
      if (o.containsKey("level")) {
        try {
          level = Integer.parseInt(o.get("level"));
        } catch (NumberFormatException e) {
          level = -1;
        }
        if (level < 0) {
          throw new IllegalArgumentException(
              "--level must be a number 0 or more, was " + o.get("level"));
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("policy validate: " + e.getMessage());
      usage(err);
      return USAGE;
    }
    Schema schema;
    try {
      schema = Schema.read(Path.of(o.get("schema")));
    } catch (IOException e) {
      err.println("policy validate: cannot read schema: " + e.getMessage());
      return USAGE;
    } catch (PolicyParseException e) {
      err.println(o.get("schema") + ": " + e.getMessage());
      return USAGE;
    }
    boolean allValid = true;
    for (String file : positional) {
      PolicySet ps;
      try {
        ps = readPolicies(file);
      } catch (IOException e) {
        err.println("policy validate: cannot read: " + e.getMessage());
        return USAGE;
      } catch (PolicyParseException e) {
        err.println(file + ": " + e.getMessage());
        return USAGE;
      }
      ValidationResult r = level < 0 ? schema.validate(ps) : schema.validate(ps, level);
      printIssues(file, r, out);
      allValid &= r.isValid();
    }
    return allValid ? OK : DENY;
  }

  /** Prints findings as {@code file:line:col: error: message [KIND] (policy id)}. */
  private static void printIssues(String file, ValidationResult r, PrintStream out) {
    List<ValidationIssue> all = new ArrayList<>(r.errors());
    all.addAll(r.warnings());
    for (ValidationIssue i : all) {
      out.println(
          file
              + (i.line() > 0 ? ":" + i.line() + ":" + i.column() : "")
              + ": "
              + (i.severity() == ValidationIssue.Severity.ERROR ? "error" : "warning")
              + ": "
              + i.message()
              + " ["
              + i.kind()
              + "] (policy "
              + i.policyId()
              + ")");
      if (!i.snippet().isEmpty()) {
        out.println("    " + i.snippet());
      }
      i.hint().ifPresent(h -> out.println("  hint: " + h));
    }
    out.println(
        file + ": " + r.errors().size() + " error(s), " + r.warnings().size() + " warning(s)");
  }

  private static Map<String, String> options(
      String[] args, List<String> positional, List<String> known) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--")) {
        String k = a.substring(2);
        if (!known.contains(k)) {
          throw new IllegalArgumentException("unknown option " + a);
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + a + " needs a value");
        }
        if (m.put(k, args[++i]) != null) {
          throw new IllegalArgumentException("option " + a + " given twice");
        }
      } else {
        positional.add(a);
      }
    }
    return m;
  }

  private static String read(String file) throws IOException {
    return Files.readString(Path.of(file), StandardCharsets.UTF_8);
  }

  private static PolicySet readPolicies(String file) throws IOException, PolicyParseException {
    String text = read(file);
    return file.endsWith(".json") ? PolicySet.parseJson(text) : PolicySet.parse(text);
  }

  private static int authorize(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> o;
    List<String> positional = new ArrayList<>();
    try {
      o =
          options(
              args,
              positional,
              List.of(
                  "policies", "entities", "schema", "principal", "action", "resource", "context"));
      for (String req : List.of("policies", "principal", "action", "resource")) {
        if (!o.containsKey(req)) {
          throw new IllegalArgumentException("missing --" + req);
        }
      }
      if (!positional.isEmpty()) {
        throw new IllegalArgumentException("unexpected argument " + positional.get(0));
      }
    } catch (IllegalArgumentException e) {
      err.println("policy authorize: " + e.getMessage());
      usage(err);
      return USAGE;
    }
    String stage = "policies";
    try {
      PolicySet policies = readPolicies(o.get("policies"));
      Schema schema = null;
      if (o.containsKey("schema")) {
        stage = "schema";
        schema = Schema.read(Path.of(o.get("schema")));
      }
      stage = "entities";
      InMemoryEntityStore entities =
          o.containsKey("entities")
              ? InMemoryEntityStore.fromJson(jsonArgument("--entities", o.get("entities")), schema)
              : InMemoryEntityStore.empty();
      stage = "principal";
      EntityUid p = entityUid("--principal", o.get("principal"));
      stage = "action";
      EntityUid a = entityUid("--action", o.get("action"));
      stage = "resource";
      EntityUid r = entityUid("--resource", o.get("resource"));
      stage = "context";
      Context ctx =
          o.containsKey("context")
              ? Context.fromJson(jsonArgument("--context", o.get("context")), schema, a)
              : Context.empty();
      PolicyEngine.Builder b = PolicyEngine.builder().policies(policies).entities(entities);
      if (schema != null) {
        b.schema(schema);
      }
      stage = "request";
      Decision d = b.build().authorize(Request.of(p, a, r, ctx));
      out.println(d.toJson());
      return d.isAllowed() ? OK : DENY;
    } catch (IOException e) {
      err.println("policy authorize: cannot read " + stage + ": " + e.getMessage());
      return USAGE;
    } catch (PolicyParseException | IllegalArgumentException e) {
      err.println("policy authorize: bad " + stage + ": " + e.getMessage());
      return USAGE;
    }
  }

  // A type path with an unquoted id, such as App::User::alice: what a shell leaves of
  // App::User::"alice" typed without single quotes around it.
  private static final Pattern UNQUOTED_UID =
      Pattern.compile("\\s*((?:[A-Za-z_][A-Za-z0-9_]*::)+)([^\"\\s]+)\\s*");

  /**
   * Parses an entity uid option, explaining an unquoted id.
   *
   * @throws IllegalArgumentException naming the option, with the quoted spelling for an unquoted id
   */
  private static EntityUid entityUid(String option, String text) {
    Matcher m = UNQUOTED_UID.matcher(text);
    if (m.matches()) {
      String quoted = m.group(1) + "\"" + m.group(2) + "\"";
      throw new IllegalArgumentException(
          "entity ids must be quoted: "
              + quoted
              + " (in a shell, put the whole uid in single quotes: "
              + option
              + " '"
              + quoted
              + "')");
    }
    return EntityUid.parse(text);
  }

  /**
   * The JSON of an option that takes a file or inline JSON. The rule: an argument whose first
   * character other than white space is {@code {} or {@code [} is inline JSON; any other is a
   * file's path. An argument that reads as inline JSON and also names an existing file is
   * refused rather than guessed at (write the path as {@code ./NAME} to mean the file).
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the argument is ambiguous or names no file
   */
  static String jsonArgument(String option, String value) throws IOException {
    String stripped = value.stripLeading();
    boolean inline = stripped.startsWith("{") || stripped.startsWith("[");
    Path file;
    try {
      file = Path.of(value);
    } catch (InvalidPathException e) {
      file = null;
    }
    boolean isFile = file != null && Files.isRegularFile(file);
    if (inline && isFile) {
      throw new IllegalArgumentException(
          option
              + " "
              + value
              + " is both inline JSON and an"
              + " existing file; write the path as ./"
              + value
              + " to read the file");
    }
    if (inline) {
      return value;
    }
    if (!isFile) {
      throw new IllegalArgumentException(
          option
              + " must be a file or inline JSON (starting with"
              + " { or [), and no file "
              + value
              + " exists");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static int check(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> o;
    List<String> files = new ArrayList<>();
    try {
      o = options(args, files, List.of("schema"));
      if (files.isEmpty()) {
        throw new IllegalArgumentException("give at least one policy file");
      }
    } catch (IllegalArgumentException e) {
      err.println("policy check: " + e.getMessage());
      usage(err);
      return USAGE;
    }
    Schema schema = null;
    if (o.containsKey("schema")) {
      String schemaFile = o.get("schema");
      try {
        schema = Schema.read(Path.of(schemaFile));
      } catch (IOException e) {
        err.println("policy check: cannot read schema: " + e.getMessage());
        return USAGE;
      } catch (PolicyParseException e) {
        err.println(schemaFile + ": " + e.getMessage());
        return USAGE;
      }
    }
    int status = OK;
    // The file that defines each explicit id, to report a duplicate with both files.
    Map<String, String> explicitIds = new HashMap<>();
    for (String file : files) {
      PolicySet ps;
      try {
        ps = readPolicies(file);
      } catch (IOException e) {
        err.println("policy check: cannot read: " + e.getMessage());
        status = USAGE;
        continue;
      } catch (PolicyParseException e) {
        err.println(file + ": " + e.getMessage());
        status = USAGE;
        continue;
      }
      boolean duplicate = false;
      try {
        for (String id : explicitIds(file, ps)) {
          String first = explicitIds.putIfAbsent(id, file);
          if (first != null) {
            err.println(
                file
                    + ": policy id "
                    + id
                    + " is already defined in "
                    + first
                    + "; ids must be unique across the files");
            duplicate = true;
          }
        }
      } catch (IOException | PolicyParseException e) {
        // Read and parsed just above; a failure here would be a change under our feet.
        err.println(file + ": " + e.getMessage());
        duplicate = true;
      }
      if (duplicate) {
        status = USAGE;
        continue;
      }
      if (schema != null) {
        // With a schema, check validates too: a policy that parses but cannot work is an error.
        ValidationResult r = schema.validate(ps);
        if (!r.isValid()) {
          printIssues(file, r, out);
          status = Math.max(status, DENY);
          continue;
        }
      }
      out.println(
          file
              + ": ok, "
              + ps.size()
              + " policies, "
              + ps.templateIds().size()
              + " templates"
              + (schema == null ? "" : ", valid against the schema"));
    }
    return status;
  }

  /**
   * The ids of a file that its author chose: every id of a JSON file; in Cedar text, the ids given
   * by {@code @id} (those that differ from the positional id {@code policyN} the policy would have
   * without it). Positional ids repeat from file to file and name a policy only within its file.
   */
  private static List<String> explicitIds(String file, PolicySet ps)
      throws IOException, PolicyParseException {
    List<String> ids = new ArrayList<>(ps.policyIds());
    ids.addAll(ps.templateIds());
    if (file.endsWith(".json")) {
      return ids;
    }
    PolicySet positional = PolicySet.parseWithPositionalIds(read(file));
    List<String> positionalIds = new ArrayList<>(positional.policyIds());
    positionalIds.addAll(positional.templateIds());
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (i >= positionalIds.size() || !ids.get(i).equals(positionalIds.get(i))) {
        out.add(ids.get(i));
      }
    }
    return out;
  }
}
