/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyToolTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return PolicyTool.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private String[] authorizeArgs(Path policies, Path entities, String principal) {
    return new String[] {
      "authorize",
      "--policies",
      policies.toString(),
      "--entities",
      entities.toString(),
      "--principal",
      principal,
      "--action",
      "Action::\"view\"",
      "--resource",
      "Photo::\"a.jpg\"",
      "--context",
      "{\"n\": 1}"
    };
  }

  @Test
  void authorize_allowed_printsOneJsonLineAndExitsZero() throws IOException {
    Path p =
        write(
            "p.cedar",
            "permit(principal == User::\"alice\", action, resource) when" + " { context.n == 1 };");
    Path e = write("e.json", "[]");
    assertThat(run(authorizeArgs(p, e, "User::\"alice\""))).isZero();
    // The entities file is empty, so the decision lists the principal and resource as missing.
    assertThat(out())
        .isEqualTo(
            "{\"decision\":\"allow\",\"reasons\":[\"policy0\"],"
                + "\"errors\":[],\"missingEntities\":[\"Photo::\\\"a.jpg\\\"\",\"User::\\\"alice\\\"\"]}"
                + System.lineSeparator());
  }

  @Test
  void authorize_denied_exitsOne() throws IOException {
    Path p = write("p.cedar", "permit(principal == User::\"alice\", action, resource);");
    Path e = write("e.json", "[]");
    assertThat(run(authorizeArgs(p, e, "User::\"bob\""))).isEqualTo(1);
    assertThat(out()).startsWith("{\"decision\":\"deny\"");
  }

  @Test
  void authorize_missingOption_exitsTwo() {
    assertThat(run("authorize", "--policies", "x")).isEqualTo(2);
    assertThat(err()).contains("missing --principal");
  }

  @Test
  void authorize_badPolicyFile_exitsTwoWithPosition() throws IOException {
    Path p = write("p.cedar", "permit(principal, action, resource) when { ) };");
    Path e = write("e.json", "[]");
    assertThat(run(authorizeArgs(p, e, "User::\"alice\""))).isEqualTo(2);
    assertThat(err()).contains("line 1, column 44");
  }

  @Test
  void authorize_badPrincipal_exitsTwo() throws IOException {
    Path p = write("p.cedar", "permit(principal, action, resource);");
    Path e = write("e.json", "[]");
    assertThat(run(authorizeArgs(p, e, "alice"))).isEqualTo(2);
    assertThat(err()).contains("bad principal");
  }

  @Test
  void check_validFile_exitsZero() throws IOException {
    Path p = write("p.cedar", "permit(principal, action, resource);");
    assertThat(run("check", p.toString())).isZero();
  }

  @Test
  void check_badFile_reportsLineAndColumn() throws IOException {
    Path p =
        write("p.cedar", "permit(principal, action, resource);\nforbid(principal," + " action);");
    assertThat(run("check", p.toString())).isEqualTo(2);
    assertThat(err()).contains("line 2, column 25");
  }

  @Test
  void conformance_mismatchingTest_printsFailureAndCounts() throws IOException {
    write("tests/t/p.cedar", "permit(principal, action, resource);");
    write("sample-data/e.json", "[]");
    write(
        "tests/t/1.json",
        "{\"policies\":\"tests/t/p.cedar\",\"entities\":"
            + "\"sample-data/e.json\",\"schema\":null,\"shouldValidate\":false,\"requests\":["
            + req("allow", "[\"policy0\"]")
            + ","
            + req("deny", "[]")
            + "]}");
    assertThat(run("conformance", dir.toString())).isEqualTo(1);
    // The test has no schema, so the validator's line counts nothing.
    assertThat(out())
        .contains("FAIL")
        .contains("#1")
        .endsWith(
            "1 passed, 1 failed"
                + System.lineSeparator()
                + "validation: 0 passed, 0 failed"
                + System.lineSeparator());
  }

  private static String req(String decision, String reason) {
    return "{\"description\":\"r\",\"principal\":{\"type\":\"U\",\"id\":\"a\"},\"action\":"
        + "{\"type\":\"Action\",\"id\":\"v\"},\"resource\":{\"type\":\"R\",\"id\":\"x\"},"
        + "\"context\":{},\"decision\":\""
        + decision
        + "\",\"reason\":"
        + reason
        + ",\"errors\":[]}";
  }

  @Test
  void unknownCommand_exitsTwo() {
    assertThat(run("frobnicate")).isEqualTo(2);
  }

  private static final String VALIDATE_SCHEMA =
      "entity User; entity Document { owner: User };\n"
          + "action view appliesTo { principal: User, resource: Document };";

  @Test
  void validate_invalidPolicy_printsFileLineColumnAndExitsOne() throws IOException {
    Path s = write("s.cedarschema", VALIDATE_SCHEMA);
    Path p =
        write(
            "p.cedar",
            "permit(principal, action == Action::\"view\", resource)\n"
                + "when { resource.ownr == principal };");
    assertThat(run("validate", "--schema", s.toString(), p.toString())).isEqualTo(1);
    assertThat(out())
        .contains(p + ":2:8: error: attribute `ownr` not found")
        .contains("hint: did you mean `owner`?");
  }

  @Test
  void validate_validPolicy_exitsZero() throws IOException {
    Path s = write("s.cedarschema", VALIDATE_SCHEMA);
    Path p =
        write(
            "p.cedar",
            "permit(principal, action == Action::\"view\", resource)"
                + " when { resource.owner == principal };");
    assertThat(run("validate", "--schema", s.toString(), "--level", "1", p.toString())).isZero();
  }

  @Test
  void validate_withoutSchema_usageExitsTwo() throws IOException {
    Path p = write("p.cedar", "permit(principal, action, resource);");
    assertThat(run("validate", p.toString())).isEqualTo(2);
    assertThat(err()).contains("--schema is required");
  }

  @Test
  void check_withSchemaAndInvalidPolicy_exitsOne() throws IOException {
    Path s = write("s.cedarschema", VALIDATE_SCHEMA);
    Path p = write("p.cedar", "permit(principal, action == Action::\"veiw\", resource);");
    assertThat(run("check", p.toString(), "--schema", s.toString())).isEqualTo(1);
    assertThat(out()).contains("UNRECOGNIZED_ACTION_ID");
  }

  // --- check: several files

  @Test
  void check_severalValidFiles_reportsEachAndExitsZero() throws IOException {
    Path a = write("a.cedar", "@id(\"view\") permit(principal, action, resource);");
    Path b = write("b.cedar", "@id(\"edit\") permit(principal, action, resource);");
    assertThat(run("check", a.toString(), b.toString())).isZero();
    assertThat(out()).contains(a + ": ok, 1 policies").contains(b + ": ok, 1 policies");
  }

  @Test
  void check_secondFileHasSyntaxError_namesThatFileWithPosition() throws IOException {
    Path a = write("a.cedar", "permit(principal, action, resource);");
    Path b = write("b.cedar", "permit(principal, action, resource);\nforbid(principal, action);");
    assertThat(run("check", a.toString(), b.toString())).isEqualTo(2);
    assertThat(err()).contains(b + ": ").contains("line 2, column 25").doesNotContain(a + ": ");
    assertThat(out()).contains(a + ": ok");
  }

  @Test
  void check_sameIdInTwoFiles_refusedNamingBothFiles() throws IOException {
    Path a = write("a.cedar", "@id(\"admin\") permit(principal, action, resource);");
    Path b = write("b.cedar", "@id(\"admin\") forbid(principal, action, resource);");
    assertThat(run("check", a.toString(), b.toString())).isEqualTo(2);
    assertThat(err()).contains(b + ": policy id admin is already defined in " + a);
  }

  @Test
  void check_positionalIdsInTwoFiles_belongToTheirFileAndPass() throws IOException {
    Path a = write("a.cedar", "permit(principal, action, resource);");
    Path b = write("b.cedar", "forbid(principal, action, resource);");
    assertThat(run("check", a.toString(), b.toString())).isZero();
  }

  @Test
  void check_noFile_usageExitsTwo() {
    assertThat(run("check")).isEqualTo(2);
    assertThat(err()).contains("give at least one policy file");
  }

  // --- authorize: --entities and --context as a file or inline JSON, --entities optional

  private static final String ALBUM_POLICY =
      "permit(principal == User::\"alice\", action,"
          + " resource in Album::\"trip\") when { context.n == 1 };";
  private static final String ALBUM_ENTITIES =
      "[{\"uid\":{\"type\":\"Photo\",\"id\":"
          + "\"a.jpg\"},\"attrs\":{},\"parents\":[{\"type\":\"Album\",\"id\":\"trip\"}]}]";

  private int authorize(Path policies, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "authorize",
                "--policies",
                policies.toString(),
                "--principal",
                "User::\"alice\"",
                "--action",
                "Action::\"view\"",
                "--resource",
                "Photo::\"a.jpg\""));
    a.addAll(List.of(more));
    return run(a.toArray(new String[0]));
  }

  @Test
  void authorize_inlineEntitiesAndContext_decideAsFiles() throws IOException {
    Path p = write("p.cedar", ALBUM_POLICY);
    assertThat(authorize(p, "--entities", "  " + ALBUM_ENTITIES, "--context", "{\"n\": 1}"))
        .isZero();
  }

  @Test
  void authorize_entitiesAndContextFromFiles_decide() throws IOException {
    Path p = write("p.cedar", ALBUM_POLICY);
    Path e = write("e.json", ALBUM_ENTITIES);
    Path c = write("c.json", "{\"n\": 1}");
    assertThat(authorize(p, "--entities", e.toString(), "--context", c.toString())).isZero();
  }

  @Test
  void authorize_withoutEntities_decidesOnAnEmptyStore() throws IOException {
    Path p = write("p.cedar", ALBUM_POLICY);
    // Without the entities the photo is in no album, so the policy does not apply.
    assertThat(authorize(p, "--context", "{\"n\": 1}")).isEqualTo(1);
    assertThat(out()).startsWith("{\"decision\":\"deny\"");
  }

  @Test
  void authorize_contextNeitherFileNorJson_refusedNamingTheRule() throws IOException {
    Path p = write("p.cedar", ALBUM_POLICY);
    assertThat(authorize(p, "--context", dir.resolve("missing.json").toString())).isEqualTo(2);
    assertThat(err()).contains("--context must be a file or inline JSON (starting with { or [)");
  }

  @Test
  void authorize_argumentBothInlineJsonAndExistingFile_refusedAsAmbiguous() throws IOException {
    Path p = write("p.cedar", ALBUM_POLICY);
    // Relative to the working directory, where a path is looked up; removed afterwards.
    Path odd = Path.of("{n}-" + UUID.randomUUID());
    Files.writeString(odd, "{\"n\": 1}");
    try {
      assertThat(authorize(p, "--context", odd.toString())).isEqualTo(2);
      assertThat(err()).contains("is both inline JSON and an existing file").contains("./" + odd);
    } finally {
      Files.delete(odd);
    }
  }

  @Test
  void authorize_unquotedEntityId_saysIdsMustBeQuoted() throws IOException {
    Path p = write("p.cedar", ALBUM_POLICY);
    assertThat(
            run(
                "authorize",
                "--policies",
                p.toString(),
                "--principal",
                "App::User::alice",
                "--action",
                "Action::\"view\"",
                "--resource",
                "Photo::\"a.jpg\""))
        .isEqualTo(2);
    assertThat(err()).contains("entity ids must be quoted: App::User::\"alice\"");
  }
}
