import { ownEntry } from '../../../shared/config/own-entry.js';
import {
  type CatalogState,
  type GlueCrawler,
  type GlueS3Target,
  nowEpochSeconds,
  type StoredCrawler,
} from '../catalog-model.js';
import { configurationProblem } from '../crawler/crawler-configuration.js';
import { alreadyExists, entityNotFound, GlueServiceError, invalidInput } from '../glue-errors.js';
import { type GlueOperations, reading, writing } from '../glue-operation.js';
import {
  isJsonObject,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requiredObject,
  requiredString,
} from '../input-checks.js';
import type { JsonObject } from '../json-protocol.js';
import { byName, pageOf } from '../paging.js';

const UPDATE_BEHAVIORS = ['LOG', 'UPDATE_IN_DATABASE'];
const DELETE_BEHAVIORS = ['LOG', 'DELETE_FROM_DATABASE', 'DEPRECATE_IN_DATABASE'];
const RECRAWL_BEHAVIORS = ['CRAWL_EVERYTHING', 'CRAWL_NEW_FOLDERS_ONLY', 'CRAWL_EVENT_MODE'];

/** CreateCrawler, GetCrawler, GetCrawlers, ListCrawlers, UpdateCrawler, DeleteCrawler. */
export const crawlerDefinitionOperations: GlueOperations = {
  CreateCrawler: writing((input, { store }) => {
    const name = requiredString(input, 'Name');
    if (store.state.crawlers.has(name)) throw alreadyExists(`${name} already exists`);
    const now = nowEpochSeconds();
    const crawler: GlueCrawler = {
      Name: name,
      Role: requiredString(input, 'Role'),
      Targets: readTargets(requiredObject(input, 'Targets')),
      Classifiers: [],
      // Glue's defaults, as GetCrawler shows them for a crawler created without them.
      RecrawlPolicy: { RecrawlBehavior: 'CRAWL_EVERYTHING' },
      SchemaChangePolicy: {
        UpdateBehavior: 'UPDATE_IN_DATABASE',
        DeleteBehavior: 'DEPRECATE_IN_DATABASE',
      },
      LineageConfiguration: { CrawlerLineageSettings: 'DISABLE' },
      State: 'READY',
      CrawlElapsedTime: 0,
      CreationTime: now,
      LastUpdated: now,
      Version: 1,
      LakeFormationConfiguration: { UseLakeFormationCredentials: false, AccountId: '' },
    };
    applySettings(store.state, crawler, input);
    store.state.crawlers.set(name, {
      crawler,
      tags: optionalStringMap(input, 'Tags') ?? {},
      runs: { durations: [], tablesCreated: 0, tablesUpdated: 0, tablesDeleted: 0 },
    });
    return {};
  }),

  GetCrawler: reading((input, { store, crawls }) => {
    const stored = requireCrawler(store.state, requiredString(input, 'Name'));
    return { Crawler: crawls.view(stored) };
  }),

  GetCrawlers: reading((input, { store, crawls }) => {
    const page = pageOf(sortedCrawlers(store.state), (c) => c.crawler.Name, pageOptions(input));
    return { Crawlers: page.items.map((stored) => crawls.view(stored)), NextToken: page.nextToken };
  }),

  ListCrawlers: reading((input, { store }) => {
    const wanted = Object.entries(optionalStringMap(input, 'Tags') ?? {});
    const tagged = sortedCrawlers(store.state).filter((stored) =>
      wanted.every(([key, value]) => ownEntry(stored.tags, key) === value),
    );
    const page = pageOf(tagged, (c) => c.crawler.Name, pageOptions(input));
    return { CrawlerNames: page.items.map((c) => c.crawler.Name), NextToken: page.nextToken };
  }),

  UpdateCrawler: writing((input, { store }) => {
    const stored = requireCrawler(store.state, requiredString(input, 'Name'));
    const { crawler } = stored;
    if (crawler.State !== 'READY') {
      throw new GlueServiceError(
        'CrawlerRunningException',
        `Crawler with name ${crawler.Name} has already started`,
      );
    }
    const role = optionalString(input, 'Role');
    if (role !== undefined) crawler.Role = role;
    const targets = optionalObject(input, 'Targets');
    if (targets) crawler.Targets = readTargets(targets);
    applySettings(store.state, crawler, input);
    crawler.Version += 1;
    crawler.LastUpdated = nowEpochSeconds();
    return {};
  }),

  DeleteCrawler: writing((input, { store }) => {
    const stored = requireCrawler(store.state, requiredString(input, 'Name'));
    if (stored.crawler.State !== 'READY') {
      throw new GlueServiceError('CrawlerRunningException', `${stored.crawler.Name} is running`);
    }
    store.state.crawlers.delete(stored.crawler.Name);
    return {};
  }),
};

export function requireCrawler(state: CatalogState, name: string): StoredCrawler {
  const stored = state.crawlers.get(name);
  if (!stored) throw entityNotFound(`Crawler entry with name ${name} does not exist`);
  return stored;
}

function sortedCrawlers(state: CatalogState): StoredCrawler[] {
  return [...state.crawlers.values()].sort(byName((c) => c.crawler.Name));
}

function pageOptions(input: JsonObject) {
  return {
    maxResults: optionalInteger(input, 'MaxResults', { min: 1, max: 1000 }),
    nextToken: optionalString(input, 'NextToken'),
    defaultMax: 100,
  };
}

/** The optional members shared by CreateCrawler and UpdateCrawler; absent ones stay as they are. */
function applySettings(state: CatalogState, crawler: GlueCrawler, input: JsonObject): void {
  const databaseName = optionalString(input, 'DatabaseName');
  if (databaseName !== undefined) crawler.DatabaseName = databaseName;
  const description = optionalString(input, 'Description');
  if (description !== undefined) crawler.Description = description;
  const classifiers = optionalStringList(input, 'Classifiers');
  if (classifiers !== undefined) {
    const missing = classifiers.find((name) => !state.classifiers.has(name));
    if (missing !== undefined) throw invalidInput(`Classifier ${missing} does not exist.`);
    crawler.Classifiers = classifiers;
  }
  const tablePrefix = optionalString(input, 'TablePrefix');
  if (tablePrefix !== undefined) crawler.TablePrefix = tablePrefix;
  const policy = optionalObject(input, 'SchemaChangePolicy');
  if (policy) {
    crawler.SchemaChangePolicy = {
      UpdateBehavior: member(policy, 'UpdateBehavior', UPDATE_BEHAVIORS) ?? 'UPDATE_IN_DATABASE',
      DeleteBehavior: member(policy, 'DeleteBehavior', DELETE_BEHAVIORS) ?? 'DEPRECATE_IN_DATABASE',
    };
  }
  const recrawl = optionalObject(input, 'RecrawlPolicy');
  if (recrawl) {
    crawler.RecrawlPolicy = {
      RecrawlBehavior: member(recrawl, 'RecrawlBehavior', RECRAWL_BEHAVIORS) ?? 'CRAWL_EVERYTHING',
    };
  }
  const lineage = optionalObject(input, 'LineageConfiguration');
  if (lineage) {
    crawler.LineageConfiguration = {
      CrawlerLineageSettings:
        member(lineage, 'CrawlerLineageSettings', ['ENABLE', 'DISABLE']) ?? 'DISABLE',
    };
  }
  const configuration = optionalString(input, 'Configuration');
  if (configuration !== undefined) crawler.Configuration = checkedConfiguration(configuration);
  const schedule = optionalString(input, 'Schedule');
  if (schedule !== undefined) {
    crawler.Schedule = {
      ScheduleExpression: schedule,
      State: schedule ? 'SCHEDULED' : 'NOT_SCHEDULED',
    };
  }
  const security = optionalString(input, 'CrawlerSecurityConfiguration');
  if (security !== undefined) crawler.CrawlerSecurityConfiguration = security;
}

function readTargets(targets: JsonObject): GlueCrawler['Targets'] {
  const unsupported = Object.keys(targets).find(
    (kind) =>
      kind !== 'S3Targets' &&
      Array.isArray(targets[kind]) &&
      (targets[kind] as unknown[]).length > 0,
  );
  if (unsupported) {
    throw invalidInput(
      `${unsupported} are not implemented by the local Glue endpoint; only S3Targets are.`,
    );
  }
  const list = targets.S3Targets;
  if (!Array.isArray(list) || list.length === 0) {
    throw invalidInput('At least one crawl target must be specified.');
  }
  const s3Targets = list.map((target): GlueS3Target => {
    if (!isJsonObject(target)) throw invalidInput('Each S3 target must be a structure.');
    const path = requiredString(target, 'Path', 'targets.s3Targets.member.path');
    if (!/^s3:\/\/[^/]+/.test(path)) {
      throw invalidInput(`S3 target path ${path} must look like s3://bucket/prefix/.`);
    }
    const sampleSize = optionalInteger(target, 'SampleSize', { min: 1, max: 249 });
    return {
      ...target,
      Path: path,
      Exclusions: optionalStringList(target, 'Exclusions') ?? [],
      ...(sampleSize === undefined ? {} : { SampleSize: sampleSize }),
    };
  });
  return {
    S3Targets: s3Targets,
    JdbcTargets: [],
    MongoDBTargets: [],
    DynamoDBTargets: [],
    CatalogTargets: [],
    DeltaTargets: [],
    IcebergTargets: [],
    HudiTargets: [],
  };
}

function member(input: JsonObject, name: string, allowed: string[]): string | undefined {
  const value = optionalString(input, name);
  if (value !== undefined && !allowed.includes(value)) {
    throw invalidInput(`${name} must be one of ${allowed.join(', ')}.`);
  }
  return value;
}

/** Configuration is a versioned JSON document; Glue refuses one that does not parse. */
function checkedConfiguration(configuration: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(configuration);
  } catch {
    throw invalidInput('Crawler configuration not valid: it is not a JSON document.');
  }
  if (!isJsonObject(parsed) || typeof parsed.Version !== 'number') {
    throw invalidInput('Crawler configuration not valid: it needs a numeric "Version".');
  }
  const problem = configurationProblem(parsed);
  if (problem) throw invalidInput(`Crawler configuration not valid: ${problem}.`);
  return configuration;
}
