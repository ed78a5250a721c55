/**
 * A readers–writer lock for async work: any number of readers at once, or one writer.
 * Writers queue ahead of later readers, so a stream of reads cannot starve a write.
 */
export class ReadWriteLock {
  private readers = 0;
  private writing = false;
  private readonly queue: { write: boolean; start: () => void }[] = [];

  read<T>(work: () => Promise<T>): Promise<T> {
    return this.run(false, work);
  }

  write<T>(work: () => Promise<T>): Promise<T> {
    return this.run(true, work);
  }

  private async run<T>(write: boolean, work: () => Promise<T>): Promise<T> {
    await new Promise<void>((start) => {
      this.queue.push({ write, start });
      this.dispatch();
    });
    try {
      return await work();
    } finally {
      if (write) this.writing = false;
      else this.readers--;
      this.dispatch();
    }
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.writing) {
      const next = this.queue[0]!;
      if (next.write && this.readers > 0) return;
      this.queue.shift();
      if (next.write) this.writing = true;
      else this.readers++;
      next.start();
      if (next.write) return;
    }
  }
}
