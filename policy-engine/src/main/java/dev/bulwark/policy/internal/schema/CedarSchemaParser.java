/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.schema;

import dev.bulwark.policy.PolicyParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Parses Cedar's human-readable schema format ({@code .cedarschema}) into a {@link RawSchema}; each
 * instance parses one document on one thread.
 *
 * <p>A hand-written lexer and recursive-descent parser following the grammar of Cedar's {@code
 * cedar_schema/grammar.lalrpop}: namespaces, {@code entity} declarations (parents, attributes,
 * {@code tags}, {@code enum}), {@code type} aliases and {@code action} declarations ({@code in},
 * {@code appliesTo}), annotations and {@code //} comments. The checks that Cedar makes while
 * converting its syntax tree (duplicate declarations, an {@code appliesTo} without principal or
 * resource, reserved names) are made here, with the position of the offending token. Nesting of
 * types is bounded by {@link SchemaLimits#MAX_TYPE_DEPTH} so that no input can exhaust the stack.
 */
final class CedarSchemaParser {
  /** Identifiers Cedar reserves (they cannot name anything, though they lex as identifiers). */
  static final Set<String> RESERVED_IDENTS =
      Set.of("true", "false", "if", "then", "else", "in", "is", "like", "has");

  /** Names a common type may not have (Cedar's {@code is_reserved_schema_keyword}). */
  static final Set<String> RESERVED_COMMON_TYPE_NAMES =
      Set.of("Bool", "Boolean", "Entity", "Extension", "Long", "Record", "Set", "String");

  private enum Kind {
    IDENT,
    STRING,
    NUMBER,
    PUNCT,
    EOF
  }

  private static final class Token {
    final Kind kind;
    final String text;
    final String value;
    final int line;
    final int column;

    Token(Kind kind, String text, String value, int line, int column) {
      this.kind = kind;
      this.text = text;
      this.value = value;
      this.line = line;
      this.column = column;
    }
  }

  private final String src;
  private final List<Token> tokens = new ArrayList<>();
  private int next;
  private final RawSchema schema = new RawSchema();
  private final Set<String> seenNamedNamespaces = new HashSet<>();

  private CedarSchemaParser(String src) {
    this.src = src;
  }

  /**
   * Parses one schema document.
   *
   * @param text the document
   * @return the raw schema
   * @throws PolicyParseException on a syntax error, with line, column and offending text
   */
  static RawSchema parse(String text) throws PolicyParseException {
    if (text.length() > SchemaLimits.MAX_SCHEMA_CHARS) {
      throw new PolicyParseException(
          "schema of "
              + text.length()
              + " chars exceeds the limit of "
              + SchemaLimits.MAX_SCHEMA_CHARS);
    }
    CedarSchemaParser p = new CedarSchemaParser(text);
    p.lex();
    p.schema();
    return p.schema;
  }

  // ---------------------------------------------------------------- lexer

  private void lex() throws PolicyParseException {
    int i = 0;
    int line = 1;
    int lineStart = 0;
    int n = src.length();
    while (true) {
      // whitespace and comments
      while (i < n) {
        char c = src.charAt(i);
        if (c == '\n') {
          line++;
          lineStart = i + 1;
          i++;
        } else if (Character.isWhitespace(c) || c == '\u00A0' || c == '\u0085') {
          i++;
        } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
          while (i < n && src.charAt(i) != '\n') {
            i++;
          }
        } else {
          break;
        }
      }
      int col = i - lineStart + 1;
      if (i >= n) {
        tokens.add(new Token(Kind.EOF, "end of input", null, line, col));
        return;
      }
      if (tokens.size() >= SchemaLimits.MAX_TOKENS) {
        throw new PolicyParseException(
            "schema has more than " + SchemaLimits.MAX_TOKENS + " tokens", line, col);
      }
      char c = src.charAt(i);
      int start = i;
      if (isIdentStart(c)) {
        i++;
        while (i < n && isIdentPart(src.charAt(i))) {
          i++;
        }
        String t = src.substring(start, i);
        tokens.add(new Token(Kind.IDENT, t, t, line, col));
      } else if (c >= '0' && c <= '9') {
        while (i < n && src.charAt(i) >= '0' && src.charAt(i) <= '9') {
          i++;
        }
        String t = src.substring(start, i);
        tokens.add(new Token(Kind.NUMBER, t, t, line, col));
      } else if (c == '"') {
        i++;
        boolean closed = false;
        int startLine = line;
        while (i < n) {
          char d = src.charAt(i);
          if (d == '\\') {
            if (i + 1 < n && src.charAt(i + 1) != '\n' && src.charAt(i + 1) != '\r') {
              i += 2;
              continue;
            }
            break;
          }
          if (d == '"') {
            closed = true;
            i++;
            break;
          }
          if (d == '\n') {
            line++;
            lineStart = i + 1;
          }
          i++;
        }
        if (!closed) {
          throw new PolicyParseException(
              "unterminated string literal "
                  + excerpt(src.substring(start, Math.min(n, start + 20))),
              startLine,
              col);
        }
        String raw = src.substring(start, i);
        String value = CedarStrings.unescape(raw.substring(1, raw.length() - 1), startLine, col);
        tokens.add(new Token(Kind.STRING, raw, value, startLine, col));
      } else if (c == ':' && i + 1 < n && src.charAt(i + 1) == ':') {
        i += 2;
        tokens.add(new Token(Kind.PUNCT, "::", "::", line, col));
      } else if (",;:{}[]<>=?@()".indexOf(c) >= 0) {
        i++;
        String t = String.valueOf(c);
        tokens.add(new Token(Kind.PUNCT, t, t, line, col));
      } else {
        int cp = src.codePointAt(i);
        throw new PolicyParseException(
            "unexpected character " + excerpt(new String(Character.toChars(cp))), line, col);
      }
    }
  }

  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }

  // ---------------------------------------------------------------- token helpers

  private Token peek() {
    return tokens.get(next);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(next + ahead, tokens.size() - 1));
  }

  private boolean isPunct(Token t, String p) {
    return t.kind == Kind.PUNCT && t.text.equals(p);
  }

  private boolean isKeyword(Token t, String k) {
    return t.kind == Kind.IDENT && t.text.equals(k);
  }

  private boolean atPunct(String p) {
    return isPunct(peek(), p);
  }

  private boolean atKeyword(String k) {
    return isKeyword(peek(), k);
  }

  private Token advance() {
    Token t = tokens.get(next);
    if (t.kind != Kind.EOF) {
      next++;
    }
    return t;
  }

  private void expectPunct(String p) throws PolicyParseException {
    if (!atPunct(p)) {
      throw unexpected("`" + p + "`");
    }
    advance();
  }

  private void expectKeyword(String k) throws PolicyParseException {
    if (!atKeyword(k)) {
      throw unexpected("`" + k + "`");
    }
    advance();
  }

  private PolicyParseException unexpected(String expected) {
    Token t = peek();
    String found = t.kind == Kind.EOF ? "end of input" : excerpt(t.text);
    return new PolicyParseException("expected " + expected + ", found " + found, t.line, t.column);
  }

  private static PolicyParseException errorAt(Token t, String message) {
    return new PolicyParseException(message, t.line, t.column);
  }

  static String excerpt(String s) {
    String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return "`" + cut + "`";
  }

  private static RawSchema.Loc loc(Token t) {
    return RawSchema.Loc.at(t.line, t.column);
  }

  // ---------------------------------------------------------------- grammar

  private void schema() throws PolicyParseException {
    while (peek().kind != Kind.EOF) {
      annotations();
      if (atKeyword("namespace")) {
        namespace();
      } else {
        declaration(namespaceNamed(""));
      }
    }
  }

  private RawSchema.Namespace namespaceNamed(String name) {
    return schema.namespaces.computeIfAbsent(
        name, n -> new RawSchema.Namespace(n, RawSchema.Loc.at(1, 1)));
  }

  private void namespace() throws PolicyParseException {
    Token kw = advance();
    Token nameTok = peek();
    String name = path(true);
    if (!seenNamedNamespaces.add(name)) {
      throw errorAt(nameTok, "duplicate namespace " + excerpt(name));
    }
    RawSchema.Namespace ns = new RawSchema.Namespace(name, loc(kw));
    schema.namespaces.put(name, ns);
    expectPunct("{");
    while (!atPunct("}")) {
      if (peek().kind == Kind.EOF) {
        throw unexpected("`}` closing namespace " + excerpt(name));
      }
      annotations();
      declaration(ns);
    }
    advance();
  }

  private void declaration(RawSchema.Namespace ns) throws PolicyParseException {
    if (atKeyword("entity")) {
      entity(ns);
    } else if (atKeyword("action")) {
      action(ns);
    } else if (atKeyword("type")) {
      typeDecl(ns);
    } else {
      throw unexpected(
          ns.name.isEmpty()
              ? "`namespace`, `entity`, `action` or `type`"
              : "`entity`, `action`, `type` or `}`");
    }
  }

  /** {@code {'@' AnyIdent ['(' STR ')']}}; duplicates of one key are an error, as in Cedar. */
  private void annotations() throws PolicyParseException {
    Set<String> keys = null;
    while (atPunct("@")) {
      advance();
      Token key = peek();
      if (key.kind != Kind.IDENT) {
        throw unexpected("an annotation name");
      }
      advance();
      if (keys == null) {
        keys = new HashSet<>();
      }
      if (!keys.add(key.text)) {
        throw errorAt(key, "duplicate annotation " + excerpt("@" + key.text));
      }
      if (atPunct("(")) {
        advance();
        if (peek().kind != Kind.STRING) {
          throw unexpected("a string literal");
        }
        advance();
        expectPunct(")");
      }
    }
  }

  private void entity(RawSchema.Namespace ns) throws PolicyParseException {
    Token kw = advance();
    List<Token> names = new ArrayList<>();
    names.add(declaredName());
    while (atPunct(",")) {
      advance();
      names.add(declaredName());
    }
    List<String> parents = new ArrayList<>();
    RawSchema.Type shape = null;
    RawSchema.Type tags = null;
    List<String> choices = null;
    if (atKeyword("enum")) {
      advance();
      expectPunct("[");
      choices = new ArrayList<>();
      choices.add(stringLit());
      while (atPunct(",")) {
        advance();
        choices.add(stringLit());
      }
      expectPunct("]");
    } else {
      if (atKeyword("in")) {
        advance();
        parents = entityTypes();
      }
      if (atPunct("=")) {
        advance();
        if (!atPunct("{")) {
          throw unexpected("`{`");
        }
      }
      if (atPunct("{")) {
        shape = recordType(0);
      }
      if (atKeyword("tags")) {
        advance();
        tags = type(0);
      }
    }
    expectPunct(";");
    for (Token name : names) {
      if (ns.entityTypes.containsKey(name.text)) {
        throw errorAt(name, "entity type " + excerpt(name.text) + " is declared twice");
      }
      RawSchema.Entity e = new RawSchema.Entity(name.text, loc(name));
      e.memberOfTypes.addAll(parents);
      e.shape =
          shape != null ? shape : new RawSchema.RecordT(new LinkedHashMap<>(), false, loc(kw));
      e.tags = tags;
      e.enumChoices = choices;
      ns.entityTypes.put(name.text, e);
    }
  }

  private void action(RawSchema.Namespace ns) throws PolicyParseException {
    Token kw = advance();
    List<Token> names = new ArrayList<>();
    names.add(nameToken());
    while (atPunct(",")) {
      advance();
      names.add(nameToken());
    }
    List<RawSchema.ActionRef> parents = new ArrayList<>();
    if (atKeyword("in")) {
      advance();
      if (atPunct("[")) {
        advance();
        parents.add(qualName());
        while (atPunct(",")) {
          advance();
          parents.add(qualName());
        }
        expectPunct("]");
      } else {
        parents.add(qualName());
      }
    }
    boolean hasAppliesTo = false;
    List<String> principals = null;
    List<String> resources = null;
    RawSchema.Type context = null;
    if (atKeyword("appliesTo")) {
      Token appliesTo = advance();
      hasAppliesTo = true;
      expectPunct("{");
      if (atPunct("}")) {
        throw unexpected("`principal`, `resource` or `context`");
      }
      while (true) {
        Token what = peek();
        if (atKeyword("principal") || atKeyword("resource")) {
          advance();
          expectPunct(":");
          List<String> types = entityTypes();
          boolean principal = what.text.equals("principal");
          if ((principal ? principals : resources) != null) {
            throw errorAt(
                what,
                "duplicate `"
                    + what.text
                    + "` declaration in action "
                    + excerpt(names.get(0).value));
          }
          if (types.isEmpty()) {
            throw errorAt(
                what,
                "`"
                    + what.text
                    + "` of action "
                    + excerpt(names.get(0).value)
                    + " is an empty list; omit `appliesTo` for an action that applies to nothing");
          }
          if (principal) {
            principals = types;
          } else {
            resources = types;
          }
        } else if (atKeyword("context")) {
          advance();
          expectPunct(":");
          if (context != null) {
            throw errorAt(
                what, "duplicate context declaration in action " + excerpt(names.get(0).value));
          }
          if (atPunct("{")) {
            context = recordType(0);
          } else {
            Token p = peek();
            context = new RawSchema.Ref(path(false), RawSchema.RefKind.COMMON, loc(p));
          }
        } else {
          throw unexpected("`principal`, `resource` or `context`");
        }
        if (atPunct(",")) {
          advance();
          if (atPunct("}")) {
            break;
          }
        } else {
          break;
        }
      }
      expectPunct("}");
      if (principals == null) {
        throw errorAt(
            appliesTo,
            "`appliesTo` of action " + excerpt(names.get(0).value) + " declares no `principal`");
      }
      if (resources == null) {
        throw errorAt(
            appliesTo,
            "`appliesTo` of action " + excerpt(names.get(0).value) + " declares no `resource`");
      }
    }
    if (atKeyword("attributes")) {
      advance();
      expectPunct("{");
      expectPunct("}");
    }
    expectPunct(";");
    for (Token name : names) {
      if (ns.actions.containsKey(name.value)) {
        throw errorAt(name, "action " + excerpt(name.value) + " is declared twice");
      }
      RawSchema.Action a = new RawSchema.Action(name.value, loc(kw));
      a.memberOf.addAll(parents);
      a.hasAppliesTo = hasAppliesTo;
      if (hasAppliesTo) {
        a.principalTypes.addAll(principals);
        a.resourceTypes.addAll(resources);
      }
      a.context = context;
      ns.actions.put(name.value, a);
    }
  }

  private void typeDecl(RawSchema.Namespace ns) throws PolicyParseException {
    advance();
    Token name = declaredName();
    if (RESERVED_COMMON_TYPE_NAMES.contains(name.text)) {
      throw errorAt(
          name, "this is reserved and cannot be the name of a common type: " + excerpt(name.text));
    }
    expectPunct("=");
    RawSchema.Type t = type(0);
    expectPunct(";");
    if (ns.commonTypes.containsKey(name.text)) {
      throw errorAt(name, "common type " + excerpt(name.text) + " is declared twice");
    }
    ns.commonTypes.put(name.text, new RawSchema.Common(name.text, t, loc(name)));
  }

  /** {@code Path | 'Set' '<' Type '>' | '{' [AttrDecls] '}'}. */
  private RawSchema.Type type(int depth) throws PolicyParseException {
    Token t = peek();
    if (depth > SchemaLimits.MAX_TYPE_DEPTH) {
      throw errorAt(t, "types nested deeper than " + SchemaLimits.MAX_TYPE_DEPTH);
    }
    if (isKeyword(t, "Set") && isPunct(peek(1), "<")) {
      advance();
      advance();
      RawSchema.Type element = type(depth + 1);
      expectPunct(">");
      return new RawSchema.SetT(element, loc(t));
    }
    if (isPunct(t, "{")) {
      return recordType(depth + 1);
    }
    if (t.kind == Kind.IDENT) {
      return new RawSchema.Ref(path(false), RawSchema.RefKind.COMMON_OR_ENTITY, loc(t));
    }
    throw unexpected("a type");
  }

  /** {@code '{' [AttrDecls] '}'}: {@code Annotation* Name ['?'] ':' Type}, commas between. */
  private RawSchema.RecordT recordType(int depth) throws PolicyParseException {
    Token open = peek();
    if (depth > SchemaLimits.MAX_TYPE_DEPTH) {
      throw errorAt(open, "types nested deeper than " + SchemaLimits.MAX_TYPE_DEPTH);
    }
    expectPunct("{");
    LinkedHashMap<String, RawSchema.Attr> attrs = new LinkedHashMap<>();
    while (!atPunct("}")) {
      annotations();
      Token name = nameToken();
      boolean required = true;
      if (atPunct("?")) {
        advance();
        required = false;
      }
      expectPunct(":");
      RawSchema.Type t = type(depth + 1);
      if (attrs.containsKey(name.value)) {
        // Cedar keeps the last of two declarations silently; a schema that says two things
        // about one attribute is more likely a mistake, so it is rejected here.
        throw errorAt(name, "attribute " + excerpt(name.value) + " is declared twice");
      }
      attrs.put(name.value, new RawSchema.Attr(t, required));
      if (atPunct(",")) {
        advance();
      } else if (!atPunct("}")) {
        throw unexpected("`,` or `}`");
      }
    }
    advance();
    return new RawSchema.RecordT(attrs, false, loc(open));
  }

  /** {@code Path | '[' [Path {',' Path}] ']'}. */
  private List<String> entityTypes() throws PolicyParseException {
    List<String> out = new ArrayList<>();
    if (atPunct("[")) {
      advance();
      if (!atPunct("]")) {
        out.add(path(false));
        while (atPunct(",")) {
          advance();
          out.add(path(false));
        }
      }
      expectPunct("]");
    } else {
      out.add(path(false));
    }
    return out;
  }

  /** {@code QualName := Name | Path '::' STR}; returns an action reference. */
  private RawSchema.ActionRef qualName() throws PolicyParseException {
    Token first = peek();
    if (first.kind == Kind.STRING) {
      advance();
      return new RawSchema.ActionRef(null, first.value, loc(first));
    }
    StringBuilder path = new StringBuilder(ident().text);
    while (atPunct("::")) {
      advance();
      if (peek().kind == Kind.STRING) {
        return new RawSchema.ActionRef(path.toString(), advance().value, loc(first));
      }
      path.append("::").append(ident().text);
    }
    if (path.indexOf("::") >= 0) {
      throw unexpected("`::` and a string literal naming the action");
    }
    return new RawSchema.ActionRef(null, path.toString(), loc(first));
  }

  /**
   * {@code Path := IDENT {'::' IDENT}}. A namespace path may not contain {@code __cedar}; a
   * reference may ({@code __cedar::String}).
   */
  private String path(boolean declaration) throws PolicyParseException {
    Token first = ident();
    if (declaration && first.text.equals("__cedar")) {
      throw errorAt(first, "use of the reserved `__cedar` namespace");
    }
    StringBuilder sb = new StringBuilder(first.text);
    while (atPunct("::") && peek(1).kind == Kind.IDENT) {
      advance();
      Token part = ident();
      if (declaration && part.text.equals("__cedar")) {
        throw errorAt(part, "use of the reserved `__cedar` namespace");
      }
      sb.append("::").append(part.text);
    }
    return sb.toString();
  }

  /** An identifier that is not reserved. */
  private Token ident() throws PolicyParseException {
    Token t = peek();
    if (t.kind != Kind.IDENT) {
      throw unexpected("an identifier");
    }
    if (RESERVED_IDENTS.contains(t.text)) {
      throw errorAt(t, excerpt(t.text) + " is a reserved identifier");
    }
    return advance();
  }

  /** The name of a declared entity or common type: an identifier other than {@code __cedar}. */
  private Token declaredName() throws PolicyParseException {
    Token t = ident();
    if (t.text.equals("__cedar")) {
      throw errorAt(t, "`__cedar` is reserved and cannot be declared");
    }
    return t;
  }

  /** {@code Name := IDENT | STR}; the token's {@code value} is the name. */
  private Token nameToken() throws PolicyParseException {
    if (peek().kind == Kind.STRING) {
      return advance();
    }
    if (peek().kind != Kind.IDENT) {
      throw unexpected("a name (an identifier or a string literal)");
    }
    return ident();
  }

  private String stringLit() throws PolicyParseException {
    if (peek().kind != Kind.STRING) {
      throw unexpected("a string literal");
    }
    return advance().value;
  }
}
