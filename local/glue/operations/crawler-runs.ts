import { type GlueOperations, reading, writing } from '../glue-operation.js';
import {
  optionalInteger,
  optionalString,
  optionalStringList,
  requiredString,
} from '../input-checks.js';
import { byName, pageOf } from '../paging.js';
import { requireCrawler } from './crawler-definitions.js';

/** StartCrawler, StopCrawler, GetCrawlerMetrics. */
export const crawlerRunOperations: GlueOperations = {
  StartCrawler: writing((input, { store, crawls }) => {
    crawls.start(requireCrawler(store.state, requiredString(input, 'Name')));
    return {};
  }),

  StopCrawler: writing((input, { store, crawls }) => {
    crawls.stop(requireCrawler(store.state, requiredString(input, 'Name')));
    return {};
  }),

  GetCrawlerMetrics: reading((input, { store, crawls }) => {
    const names = optionalStringList(input, 'CrawlerNameList');
    // Names that are not crawlers are left out, as Glue does.
    const crawlers = [...store.state.crawlers.values()]
      .filter((stored) => names === undefined || names.includes(stored.crawler.Name))
      .sort(byName((stored) => stored.crawler.Name));
    const page = pageOf(crawlers, (stored) => stored.crawler.Name, {
      maxResults: optionalInteger(input, 'MaxResults', { min: 1, max: 1000 }),
      nextToken: optionalString(input, 'NextToken'),
      defaultMax: 100,
    });
    return {
      CrawlerMetricsList: page.items.map((stored) => crawls.metrics(stored)),
      NextToken: page.nextToken,
    };
  }),
};
