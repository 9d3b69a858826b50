/**
 * A parser for the RSQL subset Jamf Pro accepts in `filter=`: comparisons joined by `and`/`;`
 * and `or`/`,`, with parentheses. Operators: ==, !=, <, <=, >, >=, =lt=, =le=, =gt=, =ge=,
 * =in=(a,b), =out=(a,b). Values are bare words or single/double-quoted strings.
 * Pure: text in, syntax tree out. Shared by the simulator (answering `filter=`) and the connection
 * scopes (checking a filter before it is saved).
 */

export type RsqlOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '=in=' | '=out=';

export type RsqlNode =
  | { type: 'and' | 'or'; children: RsqlNode[] }
  | { type: 'comparison'; selector: string; operator: RsqlOperator; values: string[] };

export class RsqlSyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(`${message} at position ${position}`);
    this.name = 'RsqlSyntaxError';
  }
}

const OPERATOR_ALIASES: ReadonlyArray<[string, RsqlOperator]> = [
  ['=out=', '=out='], ['=in=', '=in='], ['=lt=', '<'], ['=le=', '<='], ['=gt=', '>'], ['=ge=', '>='],
  ['==', '=='], ['!=', '!='], ['<=', '<='], ['>=', '>='], ['<', '<'], ['>', '>'],
];

/** Characters that end a bare word. */
const RESERVED = new Set(['"', "'", '(', ')', ';', ',', '=', '!', '<', '>', ' ', '\t', '\n', '\r']);

export function parseRsql(text: string): RsqlNode {
  const parser = new Parser(text);
  const node = parser.parseOr();
  parser.skipSpace();
  if (!parser.atEnd()) throw new RsqlSyntaxError(`Unexpected '${text[parser.pos]}'`, parser.pos);
  return node;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  parseOr(): RsqlNode {
    const children = [this.parseAnd()];
    while (this.consumeJoiner(',', 'or')) children.push(this.parseAnd());
    return children.length === 1 ? (children[0] as RsqlNode) : { type: 'or', children };
  }

  private parseAnd(): RsqlNode {
    const children = [this.parsePrimary()];
    while (this.consumeJoiner(';', 'and')) children.push(this.parsePrimary());
    return children.length === 1 ? (children[0] as RsqlNode) : { type: 'and', children };
  }

  /** Accepts the symbol form (`;`) or the keyword form (` and `, surrounded by whitespace). */
  private consumeJoiner(symbol: string, keyword: string): boolean {
    const start = this.pos;
    this.skipSpace();
    if (this.text[this.pos] === symbol) {
      this.pos++;
      return true;
    }
    const hadSpace = this.pos > start;
    const word = this.text.slice(this.pos, this.pos + keyword.length).toLowerCase();
    const after = this.text[this.pos + keyword.length];
    if (hadSpace && word === keyword && after !== undefined && /\s/.test(after)) {
      this.pos += keyword.length;
      return true;
    }
    this.pos = start;
    return false;
  }

  private parsePrimary(): RsqlNode {
    this.skipSpace();
    if (this.text[this.pos] === '(') {
      this.pos++;
      const node = this.parseOr();
      this.skipSpace();
      this.expect(')');
      return node;
    }
    return this.parseComparison();
  }

  private parseComparison(): RsqlNode {
    const selectorStart = this.pos;
    const selector = this.readBareWord();
    if (!selector) throw new RsqlSyntaxError('Expected a field name', selectorStart);
    this.skipSpace();
    const operator = this.readOperator();
    this.skipSpace();
    if (operator === '=in=' || operator === '=out=') {
      return { type: 'comparison', selector, operator, values: this.readValueList() };
    }
    return { type: 'comparison', selector, operator, values: [this.readValue()] };
  }

  private readOperator(): RsqlOperator {
    for (const [token, operator] of OPERATOR_ALIASES) {
      if (this.text.startsWith(token, this.pos)) {
        this.pos += token.length;
        return operator;
      }
    }
    throw new RsqlSyntaxError('Expected a comparison operator', this.pos);
  }

  private readValueList(): string[] {
    this.expect('(');
    const values = [this.readValue()];
    this.skipSpace();
    while (this.text[this.pos] === ',') {
      this.pos++;
      values.push(this.readValue());
      this.skipSpace();
    }
    this.expect(')');
    return values;
  }

  private readValue(): string {
    this.skipSpace();
    const quote = this.text[this.pos];
    if (quote === '"' || quote === "'") return this.readQuoted(quote);
    const start = this.pos;
    const word = this.readBareWord();
    if (!word) throw new RsqlSyntaxError('Expected a value', start);
    return word;
  }

  private readQuoted(quote: string): string {
    const start = this.pos;
    this.pos++;
    let value = '';
    while (!this.atEnd()) {
      const ch = this.text[this.pos] as string;
      if (ch === '\\' && this.pos + 1 < this.text.length) {
        value += this.text[this.pos + 1];
        this.pos += 2;
      } else if (ch === quote) {
        this.pos++;
        return value;
      } else {
        value += ch;
        this.pos++;
      }
    }
    throw new RsqlSyntaxError('Unterminated quoted value', start);
  }

  private readBareWord(): string {
    const start = this.pos;
    while (!this.atEnd() && !RESERVED.has(this.text[this.pos] as string)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) throw new RsqlSyntaxError(`Expected '${ch}'`, this.pos);
    this.pos++;
  }
}
