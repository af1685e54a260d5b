/*
 * Copyright 2026 The Bulwark Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.bulwark.policy.internal.parse;

import static dev.bulwark.policy.internal.parse.Lexer.*;

import dev.bulwark.policy.EntityUid;
import dev.bulwark.policy.PolicyParseException;
import dev.bulwark.policy.internal.eval.Expr;
import dev.bulwark.policy.internal.eval.Exprs;
import dev.bulwark.policy.internal.eval.Exprs.BinOp;
import dev.bulwark.policy.internal.eval.ExtCalls;
import dev.bulwark.policy.internal.eval.Pattern;
import dev.bulwark.policy.internal.eval.PolicyDef;
import dev.bulwark.policy.internal.eval.Scope;
import dev.bulwark.policy.internal.json.JsonReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser for Cedar 4.x policy text, following Cedar's grammar ({@code
 * cedar-policy-core/src/parser/grammar.lalrpop}) and its CST-to-AST checks; one instance per parse,
 * single-threaded.
 *
 * <p>It builds the compiled expression tree directly. Every error names the line, the column and
 * the offending text, and a file with any error yields no policy at all. Input length, syntactic
 * nesting and the height of each expression tree are bounded, so no input can exhaust the stack
 * either here or later in the evaluator.
 */
public final class CedarParser {
  /** Maximum policy text length in chars. */
  public static final int MAX_INPUT_CHARS = 16 * 1024 * 1024;

  /**
   * Maximum syntactic nesting: each parenthesis, set bracket, record brace, argument list and
   * if-then-else counts one level. Chains of {@code !} or {@code -} are limited to 4 apart.
   */
  public static final int MAX_NESTING = 200;

  /**
   * Maximum height of an expression tree (bounds long operator chains too). Evaluation recurses
   * along it: a full-height tree took from about 250 KiB (compiled) to over 1 MiB (while being
   * profiled) of stack in our measurements. On a thread with too little stack the policy errors
   * (the authorizer contains the overflow), it never crashes the caller.
   */
  public static final int MAX_HEIGHT = 1_000;

  private static final Set<String> RESERVED =
      Set.of("true", "false", "if", "then", "else", "in", "is", "like", "has", "__cedar");

  private final Lexer lx;
  private final String src;
  private int p;
  private int nesting;
  private boolean idFromAnnotation = true;

  private CedarParser(String src) throws PolicyParseException {
    if (src.length() > MAX_INPUT_CHARS) {
      throw new PolicyParseException(
          "policy text of " + src.length() + " chars exceeds the limit of " + MAX_INPUT_CHARS);
    }
    this.src = src;
    this.lx = new Lexer(src);
    lx.run();
  }

  /**
   * Parses a policy set text. Ids are {@code policyN} by file position (templates counted too), or
   * the value of an {@code @id("...")} annotation.
   *
   * @param text the policy text
   * @return the policies and templates in file order
   * @throws PolicyParseException on any error; no partial result
   */
  public static List<PolicyDef> parsePolicies(String text) throws PolicyParseException {
    return parsePolicies(text, true);
  }

  /**
   * Parses a policy set text.
   *
   * @param text the policy text
   * @param idFromAnnotation true to name a policy by its {@code @id("...")} annotation (as Cedar's
   *     CLI does); false for positional ids only (as Cedar's library {@code PolicySet::from_str}
   *     does)
   * @return the policies and templates in file order
   * @throws PolicyParseException on any error; no partial result
   */
  public static List<PolicyDef> parsePolicies(String text, boolean idFromAnnotation)
      throws PolicyParseException {
    return parsePolicies(text, idFromAnnotation, 0);
  }

  /**
   * Parses a policy set text whose positional ids start at {@code policy<firstPosition>}: one file
   * of several read as one set, numbered on from the files before it.
   *
   * @param text the policy text
   * @param idFromAnnotation true to name a policy by its {@code @id("...")} annotation
   * @param firstPosition the position of the text's first policy in the whole set
   * @return the policies and templates in file order
   * @throws PolicyParseException on any error; no partial result
   */
  public static List<PolicyDef> parsePolicies(
      String text, boolean idFromAnnotation, int firstPosition) throws PolicyParseException {
    CedarParser ps = new CedarParser(text);
    ps.idFromAnnotation = idFromAnnotation;
    List<PolicyDef> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int count = firstPosition;
    while (ps.kind() != EOF) {
      int at = ps.lx.start[ps.p];
      PolicyDef d = ps.policy("policy" + count);
      count++;
      if (!ids.add(d.id())) {
        throw JsonReader.errorAt(text, at, "duplicate policy id \"" + d.id() + "\"");
      }
      out.add(d);
    }
    return out;
  }

  /**
   * Parses an entity uid such as {@code A::B::"id"}.
   *
   * @param text the text
   * @return the uid
   * @throws PolicyParseException if it is not one
   */
  public static EntityUid parseEntityUid(String text) throws PolicyParseException {
    CedarParser ps = new CedarParser(text);
    EntityUid u = ps.entityRef();
    ps.expect(EOF, "end of input");
    return u;
  }

  /**
   * Parses a single Cedar expression (used by the JSON policy format's {@code __expr}-free callers
   * and by tests).
   *
   * @param text the expression
   * @return the compiled expression
   * @throws PolicyParseException on any error
   */
  public static Expr parseExpression(String text) throws PolicyParseException {
    CedarParser ps = new CedarParser(text);
    Expr e = ps.expr();
    ps.expect(EOF, "end of input");
    return e;
  }

  /**
   * Parses a Cedar name, {@code A::B::C}.
   *
   * @param text the text
   * @return the normalised name
   * @throws PolicyParseException if it is not a name
   */
  public static String parseName(String text) throws PolicyParseException {
    CedarParser ps = new CedarParser(text);
    String n = ps.name();
    ps.expect(EOF, "end of input");
    return n;
  }

  // ---- token helpers ----

  private int kind() {
    return lx.kind[p];
  }

  private int kind(int ahead) {
    int i = Math.min(p + ahead, lx.count - 1);
    return lx.kind[i];
  }

  private String text() {
    return src.substring(lx.start[p], lx.end[p]);
  }

  private String text(int ahead) {
    int i = Math.min(p + ahead, lx.count - 1);
    return src.substring(lx.start[i], lx.end[i]);
  }

  private boolean isWord(String w) {
    return kind() == IDENT && text().equals(w);
  }

  private PolicyParseException err(String message) {
    return JsonReader.errorAt(src, lx.start[p], message);
  }

  private PolicyParseException errAt(int tokenIndex, String message) {
    return JsonReader.errorAt(src, lx.start[tokenIndex], message);
  }

  private void expect(int k, String what) throws PolicyParseException {
    if (kind() != k) {
      throw err("expected " + what);
    }
    p++;
  }

  private void expectWord(String w) throws PolicyParseException {
    if (!isWord(w)) {
      throw err("expected '" + w + "'");
    }
    p++;
  }

  private void enter() throws PolicyParseException {
    if (++nesting > MAX_NESTING) {
      throw err("expression nested deeper than " + MAX_NESTING + " levels");
    }
  }

  private void leave() {
    nesting--;
  }

  private Expr node(Expr e, int tok, Expr... kids) throws PolicyParseException {
    e.withChildren(kids);
    int from = lx.start[tok];
    for (Expr k : kids) {
      if (k.start() >= 0 && k.start() < from) {
        from = k.start();
      }
    }
    e.at(from, lx.end[Math.max(tok, p - 1)]);
    if (e.height() > MAX_HEIGHT) {
      throw errAt(tok, "expression tree higher than " + MAX_HEIGHT + " nodes");
    }
    return e;
  }

  /** Records a leaf's source span: from token {@code tok} to the last token consumed. */
  private Expr leaf(Expr e, int tok) {
    return e.at(lx.start[tok], lx.end[Math.max(tok, p - 1)]);
  }

  // ---- policies ----

  private PolicyDef policy(String defaultId) throws PolicyParseException {
    int first = p;
    Map<String, String> annotations = new LinkedHashMap<>();
    while (kind() == AT) {
      p++;
      if (kind() != IDENT) {
        throw err("expected an annotation name");
      }
      int keyTok = p;
      String key = text();
      p++;
      String value = "";
      if (kind() == LPAREN) {
        p++;
        if (kind() != STR) {
          throw err("expected a string annotation value");
        }
        value = string(p);
        p++;
        expect(RPAREN, "')'");
      }
      if (annotations.put(key, value) != null) {
        throw errAt(keyTok, "duplicate annotation @" + key);
      }
    }
    boolean permit;
    if (isWord("permit")) {
      permit = true;
    } else if (isWord("forbid")) {
      permit = false;
    } else {
      throw err("expected 'permit' or 'forbid'");
    }
    p++;
    expect(LPAREN, "'('");
    Set<String> slots = new HashSet<>();
    expectWord("principal");
    Scope principal = principalOrResource("principal", "?principal", slots);
    expect(COMMA, "',' after the principal constraint");
    expectWord("action");
    Scope action = actionScope();
    expect(COMMA, "',' after the action constraint");
    expectWord("resource");
    Scope resource = principalOrResource("resource", "?resource", slots);
    if (kind() == COMMA && kind(1) == RPAREN) {
      p++;
    }
    expect(RPAREN, "')' after the scope");
    List<Expr> conds = new ArrayList<>();
    while (kind() == IDENT) {
      boolean when;
      if (isWord("when")) {
        when = true;
      } else if (isWord("unless")) {
        when = false;
      } else {
        throw err("expected 'when', 'unless' or ';'");
      }
      int tok = p;
      p++;
      expect(LBRACE, "'{'");
      if (kind() == RBRACE) {
        throw err("empty " + (when ? "when" : "unless") + " clause");
      }
      Expr e = expr();
      expect(RBRACE, "'}'");
      conds.add(when ? e : node(new Exprs.Not(e), tok, e));
    }
    expect(SEMI, "';' at the end of the policy");
    String id = idFromAnnotation ? annotations.getOrDefault("id", defaultId) : defaultId;
    return new PolicyDef(
        id,
        permit,
        Collections.unmodifiableMap(annotations),
        principal,
        action,
        resource,
        conds,
        !slots.isEmpty(),
        null,
        src,
        lx.start[first],
        lx.end[p - 1]);
  }

  private Scope principalOrResource(String var, String slotName, Set<String> slots)
      throws PolicyParseException {
    if (kind() == COLON) {
      throw err("type annotations on scope variables are not supported");
    }
    if (isWord("is")) {
      p++;
      String type = name();
      if (isWord("in")) {
        p++;
        if (kind() == SLOT) {
          slot(slotName, slots);
          return new Scope(Scope.Kind.IS_IN, type, null, null, slotName);
        }
        return new Scope(Scope.Kind.IS_IN, type, entityRef(), null, null);
      }
      return new Scope(Scope.Kind.IS, type, null, null, null);
    }
    Scope.Kind k;
    if (kind() == EQEQ) {
      k = Scope.Kind.EQ;
    } else if (isWord("in")) {
      k = Scope.Kind.IN;
    } else if (kind() == COMMA || kind() == RPAREN) {
      return Scope.ANY;
    } else {
      throw err("expected '==', 'in', 'is' or the end of the " + var + " constraint");
    }
    p++;
    if (kind() == SLOT) {
      slot(slotName, slots);
      return new Scope(k, null, null, null, slotName);
    }
    if (kind() == LBRACK) {
      throw err("the " + var + " constraint cannot be a set; only action can use 'in [...]'");
    }
    return new Scope(k, null, entityRef(), null, null);
  }

  private void slot(String expected, Set<String> slots) throws PolicyParseException {
    if (!text().equals(expected)) {
      throw err("expected the slot " + expected);
    }
    slots.add(expected);
    p++;
  }

  private Scope actionScope() throws PolicyParseException {
    if (kind() == EQEQ) {
      p++;
      if (kind() == SLOT) {
        throw err("slots are not allowed in the action constraint");
      }
      return new Scope(Scope.Kind.EQ, null, actionRef(), null, null);
    }
    if (isWord("in")) {
      p++;
      if (kind() == SLOT) {
        throw err("slots are not allowed in the action constraint");
      }
      if (kind() == LBRACK) {
        p++;
        Set<EntityUid> uids = new LinkedHashSet<>();
        while (kind() != RBRACK) {
          uids.add(actionRef());
          if (kind() == COMMA) {
            p++;
          } else if (kind() != RBRACK) {
            throw err("expected ',' or ']'");
          }
        }
        p++;
        return new Scope(Scope.Kind.IN_SET, null, null, Collections.unmodifiableSet(uids), null);
      }
      return new Scope(Scope.Kind.IN, null, actionRef(), null, null);
    }
    if (isWord("is")) {
      throw err("'is' is not allowed in the action constraint");
    }
    if (kind() == COMMA || kind() == RPAREN) {
      return Scope.ANY;
    }
    throw err("expected '==', 'in' or the end of the action constraint");
  }

  private EntityUid actionRef() throws PolicyParseException {
    int tok = p;
    EntityUid u = entityRef();
    String t = u.type();
    if (!(t.equals("Action") || t.endsWith("::Action"))) {
      throw errAt(tok, "expected an action entity (of type Action or NS::Action), got " + u);
    }
    return u;
  }

  private EntityUid entityRef() throws PolicyParseException {
    if (kind() != IDENT) {
      throw err("expected an entity uid like Type::\"id\"");
    }
    StringBuilder type = new StringBuilder(identPart());
    while (true) {
      if (kind() != DCOLON) {
        throw err("expected '::' in an entity uid");
      }
      p++;
      if (kind() == STR) {
        String id = string(p);
        p++;
        return EntityUids.make(type.toString(), id);
      }
      if (kind() == LBRACE) {
        throw err("entity uids with record syntax are not supported");
      }
      if (kind() != IDENT) {
        throw err("expected an identifier or a string in an entity uid");
      }
      type.append("::").append(identPart());
    }
  }

  private String identPart() throws PolicyParseException {
    String t = text();
    if (RESERVED.contains(t) && !t.equals("__cedar")) {
      throw err("'" + t + "' is reserved and cannot be used in a name");
    }
    p++;
    return t;
  }

  private String name() throws PolicyParseException {
    if (kind() != IDENT) {
      throw err("expected an entity type name");
    }
    StringBuilder sb = new StringBuilder(identPart());
    while (kind() == DCOLON && kind(1) == IDENT) {
      p++;
      sb.append("::").append(identPart());
    }
    return sb.toString();
  }

  private String string(int tok) throws PolicyParseException {
    String body = src.substring(lx.start[tok] + 1, lx.end[tok] - 1);
    try {
      return Unescape.string(body);
    } catch (Unescape.BadEscape e) {
      throw JsonReader.errorAt(src, lx.start[tok] + 1 + e.offset, e.getMessage());
    }
  }

  // ---- expressions ----

  // Nesting is counted where the grammar nests: each parenthesis, bracket, brace, argument list
  // and if-then-else adds one level, so that the documented limit is the number a reader counts.
  // expr() itself adds none, or every parenthesis would count twice.
  private Expr expr() throws PolicyParseException {
    if (isWord("if")) {
      return ifThenElse();
    }
    return or();
  }

  private Expr ifThenElse() throws PolicyParseException {
    enter();
    try {
      int tok = p;
      p++;
      Expr c = expr();
      expectWord("then");
      Expr a = expr();
      expectWord("else");
      Expr b = expr();
      return node(new Exprs.If(c, a, b), tok, c, a, b);
    } finally {
      leave();
    }
  }

  private Expr or() throws PolicyParseException {
    Expr l = and();
    while (kind() == OR) {
      int tok = p;
      p++;
      Expr r = and();
      l = node(new Exprs.Or(l, r), tok, l, r);
    }
    return l;
  }

  private Expr and() throws PolicyParseException {
    Expr l = relation();
    while (kind() == AND) {
      int tok = p;
      p++;
      Expr r = relation();
      l = node(new Exprs.And(l, r), tok, l, r);
    }
    return l;
  }

  private Expr relation() throws PolicyParseException {
    Expr l = add();
    int tok = p;
    BinOp op = null;
    switch (kind()) {
      case EQEQ:
        op = BinOp.EQ;
        break;
      case NEQ:
        op = BinOp.NEQ;
        break;
      case LT:
        op = BinOp.LT;
        break;
      case LE:
        op = BinOp.LE;
        break;
      case GT:
        op = BinOp.GT;
        break;
      case GE:
        op = BinOp.GE;
        break;
      case ASSIGN:
        throw err("'=' is not an operator; use '=='");
      default:
        break;
    }
    if (op == null && isWord("in")) {
      op = BinOp.IN;
    }
    if (op != null) {
      p++;
      Expr r = add();
      checkNoSecondRelation();
      return node(Exprs.binary(op, l, r), tok, l, r);
    }
    if (isWord("has")) {
      p++;
      List<String> path = new ArrayList<>();
      if (kind() == STR) {
        path.add(string(p));
        p++;
      } else if (kind() == IDENT) {
        path.add(text());
        p++;
        while (kind() == DOT && kind(1) == IDENT) {
          p++;
          path.add(text());
          p++;
        }
      } else {
        throw err("expected an attribute name or string after 'has'");
      }
      checkNoSecondRelation();
      // `e has a.b` is `e has a && e.a has b`, as Cedar desugars it.
      Expr result = null;
      Expr target = l;
      for (int i = 0; i < path.size(); i++) {
        Expr h = node(new Exprs.HasAttr(target, path.get(i)), tok, target);
        result = result == null ? h : node(new Exprs.And(result, h), tok, result, h);
        target = node(new Exprs.GetAttr(target, path.get(i)), tok, target);
      }
      return result;
    }
    if (isWord("like")) {
      p++;
      if (kind() != STR) {
        throw err("expected a string pattern after 'like'");
      }
      int st = p;
      String body = src.substring(lx.start[st] + 1, lx.end[st] - 1);
      List<String> elems;
      try {
        elems = Unescape.pattern(body);
      } catch (Unescape.BadEscape e) {
        throw JsonReader.errorAt(src, lx.start[st] + 1 + e.offset, e.getMessage());
      }
      p++;
      checkNoSecondRelation();
      return node(new Exprs.Like(l, new Pattern(elems, body)), tok, l);
    }
    if (isWord("is")) {
      p++;
      String type = name();
      if (isWord("in")) {
        p++;
        Expr r = add();
        checkNoSecondRelation();
        Expr is = node(new Exprs.Is(l, type), tok, l);
        Expr in = node(Exprs.binary(BinOp.IN, l, r), tok, l, r);
        return node(new Exprs.And(is, in), tok, is, in);
      }
      checkNoSecondRelation();
      return node(new Exprs.Is(l, type), tok, l);
    }
    return l;
  }

  private void checkNoSecondRelation() throws PolicyParseException {
    int k = kind();
    if (k == EQEQ
        || k == NEQ
        || k == LT
        || k == LE
        || k == GT
        || k == GE
        || k == ASSIGN
        || isWord("in")
        || isWord("has")
        || isWord("like")
        || isWord("is")) {
      throw err("comparison operators cannot be chained; add parentheses");
    }
  }

  private Expr add() throws PolicyParseException {
    Expr l = mult();
    while (kind() == PLUS || kind() == MINUS) {
      int tok = p;
      BinOp op = kind() == PLUS ? BinOp.ADD : BinOp.SUB;
      p++;
      Expr r = mult();
      l = node(Exprs.binary(op, l, r), tok, l, r);
    }
    return l;
  }

  private Expr mult() throws PolicyParseException {
    Expr l = unary();
    while (kind() == STAR || kind() == SLASH || kind() == PERCENT) {
      if (kind() != STAR) {
        throw err("'/' and '%' are not supported in Cedar");
      }
      int tok = p;
      p++;
      Expr r = unary();
      l = node(Exprs.binary(BinOp.MUL, l, r), tok, l, r);
    }
    return l;
  }

  private Expr unary() throws PolicyParseException {
    int tok = p;
    if (kind() == BANG) {
      int n = 0;
      while (kind() == BANG) {
        n++;
        p++;
      }
      if (n > 4) {
        throw errAt(tok, "too many '!' in a row (at most 4)");
      }
      Expr e = member();
      for (int i = 0; i < n; i++) {
        e = node(new Exprs.Not(e), tok, e);
      }
      return e;
    }
    if (kind() == MINUS) {
      int n = 0;
      while (kind() == MINUS) {
        n++;
        p++;
      }
      if (n > 4) {
        throw errAt(tok, "too many '-' in a row (at most 4)");
      }
      Expr e;
      // A negative literal is folded into the literal, as Cedar does, so that
      // -9223372036854775808 is a valid long.
      if (kind() == NUM && !isMemberAccess(kind(1))) {
        String digits = text();
        long v = parseMagnitude(digits, true);
        p++;
        e = leaf(new Exprs.Lit(v == Long.MIN_VALUE ? v : -v), tok);
        n--;
      } else {
        e = member();
      }
      for (int i = 0; i < n; i++) {
        e = node(new Exprs.Neg(e), tok, e);
      }
      return e;
    }
    return member();
  }

  private static boolean isMemberAccess(int k) {
    return k == DOT || k == LBRACK || k == LPAREN;
  }

  private long parseMagnitude(String digits, boolean negated) throws PolicyParseException {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      if (negated && digits.equals("9223372036854775808")) {
        return Long.MIN_VALUE;
      }
      throw err("integer literal " + digits + " is too large");
    }
  }

  private Expr member() throws PolicyParseException {
    Expr e = primary();
    while (true) {
      int tok = p;
      if (kind() == DOT) {
        p++;
        if (kind() != IDENT) {
          throw err("expected an attribute or method name after '.'");
        }
        String nm = text();
        p++;
        if (kind() == LPAREN) {
          List<Expr> args = args();
          e = method(tok, e, nm, args);
        } else {
          e = node(new Exprs.GetAttr(e, nm), tok, e);
        }
      } else if (kind() == LBRACK) {
        p++;
        if (kind() != STR) {
          throw err("expected a string literal index");
        }
        String a = string(p);
        p++;
        expect(RBRACK, "']'");
        e = node(new Exprs.GetAttr(e, a), tok, e);
      } else if (kind() == LPAREN) {
        throw err("only extension functions and methods can be called");
      } else {
        return e;
      }
    }
  }

  private List<Expr> args() throws PolicyParseException {
    enter();
    try {
      expect(LPAREN, "'('");
      List<Expr> args = new ArrayList<>();
      while (kind() != RPAREN) {
        args.add(expr());
        if (kind() == COMMA) {
          // Cedar's grammar (Comma<E>) allows a trailing comma.
          p++;
        } else if (kind() != RPAREN) {
          throw err("expected ',' or ')'");
        }
      }
      p++;
      return args;
    } finally {
      leave();
    }
  }

  private Expr method(int tok, Expr recv, String nm, List<Expr> args) throws PolicyParseException {
    switch (nm) {
      case "contains":
        arity(tok, nm, args, 1);
        return node(Exprs.binary(BinOp.CONTAINS, recv, args.get(0)), tok, recv, args.get(0));
      case "containsAll":
        arity(tok, nm, args, 1);
        return node(Exprs.binary(BinOp.CONTAINS_ALL, recv, args.get(0)), tok, recv, args.get(0));
      case "containsAny":
        arity(tok, nm, args, 1);
        return node(Exprs.binary(BinOp.CONTAINS_ANY, recv, args.get(0)), tok, recv, args.get(0));
      case "isEmpty":
        arity(tok, nm, args, 0);
        return node(new Exprs.IsEmpty(recv), tok, recv);
      case "getTag":
        arity(tok, nm, args, 1);
        return node(Exprs.binary(BinOp.GET_TAG, recv, args.get(0)), tok, recv, args.get(0));
      case "hasTag":
        arity(tok, nm, args, 1);
        return node(Exprs.binary(BinOp.HAS_TAG, recv, args.get(0)), tok, recv, args.get(0));
      default:
        if (!ExtCalls.METHODS.contains(nm)) {
          if (ExtCalls.FUNCTIONS.contains(nm)) {
            throw errAt(tok + 1, "'" + nm + "' is a function, not a method");
          }
          throw errAt(tok + 1, "unknown method '" + nm + "'");
        }
        // Cedar checks extension arity when calling, not when parsing: a wrong count is an
        // evaluation error of the policy, not a parse error of the file.
        List<Expr> all = new ArrayList<>();
        all.add(recv);
        all.addAll(args);
        return node(Exprs.call(nm, all), tok, all.toArray(new Expr[0]));
    }
  }

  private void arity(int tok, String nm, List<Expr> args, int n) throws PolicyParseException {
    if (args.size() != n) {
      throw errAt(
          tok + 1,
          "'" + nm + "' takes " + n + " argument" + (n == 1 ? "" : "s") + ", got " + args.size());
    }
  }

  private Expr primary() throws PolicyParseException {
    int tok = p;
    switch (kind()) {
      case NUM:
        {
          long v = parseMagnitude(text(), false);
          p++;
          return leaf(new Exprs.Lit(v), tok);
        }
      case STR:
        {
          String s = string(p);
          p++;
          return leaf(new Exprs.Lit(s), tok);
        }
      case SLOT:
        throw err("template slots are only allowed in the policy scope");
      case LPAREN:
        {
          enter();
          try {
            p++;
            Expr e = expr();
            expect(RPAREN, "')'");
            return e;
          } finally {
            leave();
          }
        }
      case LBRACK:
        {
          enter();
          try {
            p++;
            List<Expr> items = new ArrayList<>();
            while (kind() != RBRACK) {
              items.add(expr());
              if (kind() == COMMA) {
                p++;
              } else if (kind() != RBRACK) {
                throw err("expected ',' or ']'");
              }
            }
            p++;
            return node(Exprs.set(items), tok, items.toArray(new Expr[0]));
          } finally {
            leave();
          }
        }
      case LBRACE:
        {
          enter();
          try {
            p++;
            List<String> keys = new ArrayList<>();
            List<Expr> vals = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            while (kind() != RBRACE) {
              int keyTok = p;
              String key;
              if (kind() == STR) {
                key = string(p);
              } else if (kind() == IDENT) {
                key = text();
              } else {
                throw err("expected a record key (identifier or string)");
              }
              p++;
              if (!seen.add(key)) {
                throw errAt(keyTok, "duplicate record key " + key);
              }
              expect(COLON, "':'");
              keys.add(key);
              vals.add(expr());
              if (kind() == COMMA) {
                p++;
              } else if (kind() != RBRACE) {
                throw err("expected ',' or '}'");
              }
            }
            p++;
            return node(Exprs.record(keys, vals), tok, vals.toArray(new Expr[0]));
          } finally {
            leave();
          }
        }
      case IDENT:
        return identPrimary();
      default:
        throw err("expected an expression");
    }
  }

  private Expr identPrimary() throws PolicyParseException {
    int tok = p;
    String t = text();
    switch (t) {
      case "true":
        p++;
        return leaf(new Exprs.Lit(Boolean.TRUE), tok);
      case "false":
        p++;
        return leaf(new Exprs.Lit(Boolean.FALSE), tok);
      case "principal":
      case "action":
      case "resource":
      case "context":
        if (kind(1) != DCOLON) {
          p++;
          return leaf(
              new Exprs.Var(Exprs.VarKind.valueOf(t.toUpperCase(java.util.Locale.ROOT))), tok);
        }
        break;
      default:
        break;
    }
    // A path: an entity literal Name::"id" or an extension function call name(...)
    List<String> parts = new ArrayList<>();
    parts.add(identPart());
    while (kind() == DCOLON) {
      if (kind(1) == STR) {
        p++;
        String id = string(p);
        p++;
        return leaf(new Exprs.Lit(EntityUids.make(String.join("::", parts), id)), tok);
      }
      if (kind(1) != IDENT) {
        p++;
        throw err("expected an identifier or a string after '::'");
      }
      p++;
      parts.add(identPart());
    }
    String nm = String.join("::", parts);
    if (kind() == LPAREN) {
      if (parts.size() == 1 && ExtCalls.FUNCTIONS.contains(nm)) {
        List<Expr> args = args();
        return node(Exprs.call(nm, args), tok, args.toArray(new Expr[0]));
      }
      if (parts.size() == 1 && (ExtCalls.METHODS.contains(nm) || isBuiltinMethod(nm))) {
        throw errAt(tok, "'" + nm + "' is a method, not a function; write x." + nm + "(...)");
      }
      throw errAt(tok, "unknown function '" + nm + "'");
    }
    if (parts.size() == 1 && !RESERVED.contains(nm)) {
      throw errAt(tok, "unknown variable '" + nm + "'");
    }
    throw errAt(tok, "unexpected name '" + nm + "'");
  }

  private static boolean isBuiltinMethod(String nm) {
    return nm.equals("contains")
        || nm.equals("containsAll")
        || nm.equals("containsAny")
        || nm.equals("isEmpty")
        || nm.equals("getTag")
        || nm.equals("hasTag");
  }
}
