import type { S3Event } from 'aws-lambda';

/**
 * Delivers local S3 notifications to a handler the way S3 invokes Lambda asynchronously:
 * each event on its own, failures logged rather than thrown back at the uploader. Tracks
 * what is in flight so a one-shot run can wait until everything settled.
 */
export class EventDispatcher {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly deliver: (event: S3Event) => Promise<void>,
    private readonly onError: (event: S3Event, error: unknown) => void,
  ) {}

  dispatch(event: S3Event): void {
    const delivery = this.deliver(event)
      .catch((error) => this.onError(event, error))
      .finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  /** Resolves once no delivery is in flight, including ones started while waiting. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
