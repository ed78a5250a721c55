import { type GlueCsvClassifier, nowEpochSeconds } from '../catalog-model.js';
import { alreadyExists, entityNotFound, invalidInput } from '../glue-errors.js';
import { type GlueOperations, reading, writing } from '../glue-operation.js';
import {
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringList,
  requiredString,
} from '../input-checks.js';
import type { JsonObject } from '../json-protocol.js';
import { byName, pageOf } from '../paging.js';

const OTHER_KINDS = ['GrokClassifier', 'XMLClassifier', 'JsonClassifier'] as const;
const HEADER_OPTIONS = ['UNKNOWN', 'PRESENT', 'ABSENT'] as const;
const SERDE_OPTIONS = ['OpenCSVSerDe', 'LazySimpleSerDe', 'None'] as const;

/** CreateClassifier, GetClassifier, GetClassifiers, UpdateClassifier, DeleteClassifier (CSV). */
export const classifierOperations: GlueOperations = {
  CreateClassifier: writing((input, { store }) => {
    const request = csvRequest(input);
    const name = requiredString(request, 'Name', 'csvClassifier.name');
    if (store.state.classifiers.has(name)) {
      throw alreadyExists(`Classifier with name ${name} already exists`);
    }
    const now = nowEpochSeconds();
    store.state.classifiers.set(name, {
      Name: name,
      CreationTime: now,
      LastUpdated: now,
      Version: 1,
      ...csvSettings(request),
    });
    return {};
  }),

  GetClassifier: reading((input, { store }) => {
    const name = requiredString(input, 'Name');
    return { Classifier: { CsvClassifier: requireClassifier(store.state.classifiers, name) } };
  }),

  GetClassifiers: reading((input, { store }) => {
    const all = [...store.state.classifiers.values()].sort(byName((c) => c.Name));
    const page = pageOf(all, (c) => c.Name, {
      maxResults: optionalInteger(input, 'MaxResults', { min: 1, max: 1000 }),
      nextToken: optionalString(input, 'NextToken'),
      defaultMax: 100,
    });
    return {
      Classifiers: page.items.map((classifier) => ({ CsvClassifier: classifier })),
      NextToken: page.nextToken,
    };
  }),

  UpdateClassifier: writing((input, { store }) => {
    const request = csvRequest(input);
    const name = requiredString(request, 'Name', 'csvClassifier.name');
    const current = requireClassifier(store.state.classifiers, name);
    const updated: GlueCsvClassifier = {
      ...current,
      ...definedOnly(csvSettings(request)),
      LastUpdated: nowEpochSeconds(),
      Version: current.Version + 1,
    };
    if (updated.QuoteSymbol !== undefined && updated.QuoteSymbol === updated.Delimiter) {
      throw invalidInput('QuoteSymbol must be different from Delimiter.');
    }
    store.state.classifiers.set(name, updated);
    return {};
  }),

  DeleteClassifier: writing((input, { store }) => {
    const name = requiredString(input, 'Name');
    requireClassifier(store.state.classifiers, name);
    store.state.classifiers.delete(name);
    return {};
  }),
};

function requireClassifier(
  classifiers: ReadonlyMap<string, GlueCsvClassifier>,
  name: string,
): GlueCsvClassifier {
  const classifier = classifiers.get(name);
  if (!classifier) throw entityNotFound(`Classifier ${name} not found.`);
  return classifier;
}

function csvRequest(input: JsonObject): JsonObject {
  const kind = OTHER_KINDS.find((other) => input[other] !== undefined);
  if (kind) {
    throw invalidInput(
      `${kind} is not implemented by the local Glue endpoint; only CsvClassifier is.`,
    );
  }
  const request = optionalObject(input, 'CsvClassifier');
  if (!request) throw invalidInput('One classifier structure (CsvClassifier) is required.');
  return request;
}

type CsvSettings = Omit<GlueCsvClassifier, 'Name' | 'CreationTime' | 'LastUpdated' | 'Version'>;

function csvSettings(request: JsonObject): CsvSettings {
  const delimiter = singleCharacter(request, 'Delimiter');
  const quoteSymbol = singleCharacter(request, 'QuoteSymbol');
  if (quoteSymbol !== undefined && quoteSymbol === delimiter) {
    throw invalidInput('QuoteSymbol must be different from Delimiter.');
  }
  return {
    Delimiter: delimiter,
    QuoteSymbol: quoteSymbol,
    ContainsHeader: oneOf(request, 'ContainsHeader', HEADER_OPTIONS),
    Header: optionalStringList(request, 'Header'),
    DisableValueTrimming: optionalBoolean(request, 'DisableValueTrimming'),
    AllowSingleColumn: optionalBoolean(request, 'AllowSingleColumn'),
    CustomDatatypeConfigured: optionalBoolean(request, 'CustomDatatypeConfigured'),
    CustomDatatypes: optionalStringList(request, 'CustomDatatypes'),
    Serde: oneOf(request, 'Serde', SERDE_OPTIONS),
  };
}

function singleCharacter(request: JsonObject, member: string): string | undefined {
  const value = optionalString(request, member);
  if (value !== undefined && (value.length !== 1 || value === '\r' || value === '\n')) {
    throw invalidInput(`${member} must be exactly one character other than a line break.`);
  }
  return value;
}

function oneOf<T extends string>(
  request: JsonObject,
  member: string,
  allowed: readonly T[],
): T | undefined {
  const value = optionalString(request, member);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidInput(`${member} must be one of ${allowed.join(', ')}.`);
  }
  return value as T;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, member]) => member !== undefined),
  ) as Partial<T>;
}
