/** A crawl cannot go on; the message becomes LastCrawl.ErrorMessage. */
export class CrawlFailure extends Error {
  public override name = 'CrawlFailure';
}

/** One object could not be read as what it claims to be; the crawl fails naming it. */
export function unreadableObject(location: string, reason: string): CrawlFailure {
  return new CrawlFailure(`Internal Service Exception: cannot classify ${location}: ${reason}`);
}
