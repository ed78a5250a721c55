import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The AWS SDK calls the code reachable from `entries` can make: every `new <Name>Command(`,
 * `paginate<Name>(` and lib-storage `new Upload(` in the files they import, transitively
 * (relative imports, static or dynamic), leaving out local/: the local stack's own calls never reach AWS.
 * Returns call name → the files that make it (paths from the repository root).
 *
 * A call inside a class method (S3ObjectStore.copy, SdkGlueCatalog.createTable, …) counts only
 * when the reachable code names that method as a property (`store.copy(`, `{ copy } = …`), or a
 * counted method of the same class does (`this.multipartCopy(`): a read-only command that holds
 * a client wrapper is not charged with the wrapper's writes. Everything else in a reachable file
 * (functions, constructors, top-level code) counts as before. Names are matched, not types, so a
 * method is counted whenever any reachable object has a property of its name: the analysis may
 * over-count, never under-count.
 */
export function sdkCallsReachableFrom(entries: string[]): Map<string, string[]> {
  const files = reachableFiles(entries).map((file) => scanFile(file));
  const named = new Set(files.flatMap((f) => [...f.propertyNames]));
  const calls = new Map<string, string[]>();
  const add = (name: string, file: string) =>
    calls.set(name, [...new Set([...(calls.get(name) ?? []), relative(ROOT, file)])]);
  for (const file of files) {
    for (const name of file.freeCalls) add(name, file.path);
    for (const methods of file.classes) {
      for (const method of countedMethods(methods, named)) {
        for (const name of method.calls) add(name, file.path);
      }
    }
  }
  return calls;
}

function reachableFiles(entries: string[]): string[] {
  const seen = new Set<string>();
  const pending = entries.map((entry) => resolve(ROOT, entry));
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    // Static imports, and the dynamic `await import('./x.js')` a command loads lazily.
    for (const match of readFileSync(file, 'utf8').matchAll(
      /(?:from|import\()\s*'(\.[^']+)\.js'/g,
    )) {
      const target = resolve(dirname(file), `${match[1]}.ts`);
      if (existsSync(target) && !relative(ROOT, target).startsWith('local/')) pending.push(target);
    }
  }
  return [...seen].sort();
}

interface Method {
  calls: string[];
  /** `this.<name>` inside the method: the class's other methods it uses. */
  ownUses: Set<string>;
}

interface ScannedFile {
  path: string;
  /** SDK calls outside class methods: always counted. */
  freeCalls: string[];
  /** Per class: method name → its SDK calls and the methods of its own it uses. */
  classes: Map<string, Method>[];
  /** Property names the file's code outside class methods uses (`x.name`, `{ name } =`). */
  propertyNames: Set<string>;
}

function scanFile(path: string): ScannedFile {
  const source = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const scanned: ScannedFile = { path, freeCalls: [], classes: [], propertyNames: new Set() };
  const visit = (node: ts.Node, method: Method | undefined): void => {
    if (ts.isClassLike(node)) {
      const methods = new Map<string, Method>();
      scanned.classes.push(methods);
      for (const member of node.members) {
        const name = member.name && ts.isIdentifier(member.name) ? member.name.text : undefined;
        const isMethod =
          ts.isMethodDeclaration(member) ||
          ts.isGetAccessor(member) ||
          (ts.isPropertyDeclaration(member) &&
            member.initializer !== undefined &&
            ts.isFunctionLike(member.initializer));
        if (name && isMethod) {
          const own: Method = methods.get(name) ?? { calls: [], ownUses: new Set() };
          methods.set(name, own);
          ts.forEachChild(member, (child) => visit(child, own));
        } else {
          // Constructors, fields and static blocks run whenever the class is used.
          ts.forEachChild(member, (child) => visit(child, undefined));
        }
      }
      return;
    }
    const call = sdkCallOf(node);
    if (call) (method?.calls ?? scanned.freeCalls).push(call);
    if (ts.isPropertyAccessExpression(node)) {
      if (method && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
        method.ownUses.add(node.name.text);
      } else {
        scanned.propertyNames.add(node.name.text);
      }
    }
    if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      const key = node.propertyName ?? node.name;
      if (ts.isIdentifier(key)) scanned.propertyNames.add(key.text);
    }
    if (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression)) {
      scanned.propertyNames.add(node.argumentExpression.text);
    }
    ts.forEachChild(node, (child) => visit(child, method));
  };
  visit(source, undefined);
  return scanned;
}

/** `new XCommand(…)`, `paginateX(…)`, `new Upload(…)` → X / Upload. */
function sdkCallOf(node: ts.Node): string | undefined {
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
    const name = node.expression.text;
    if (name === 'Upload') return name;
    return /^(\w+)Command$/.exec(name)?.[1];
  }
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
    return /^paginate(\w+)$/.exec(node.expression.text)?.[1];
  }
  return undefined;
}

/** The methods named from outside the class, and those they use through `this`, transitively. */
function countedMethods(methods: Map<string, Method>, named: Set<string>): Method[] {
  const counted = new Set([...methods.keys()].filter((name) => named.has(name)));
  const pending = [...counted];
  while (pending.length > 0) {
    for (const use of methods.get(pending.pop() as string)?.ownUses ?? []) {
      if (methods.has(use) && !counted.has(use)) {
        counted.add(use);
        pending.push(use);
      }
    }
  }
  return [...counted].map((name) => methods.get(name) as Method);
}
