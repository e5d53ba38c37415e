/** Hands data the app already holds to the browser as a file download (no second request). */
export function saveJsonFile(fileName: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The name a personal data file is saved under: the day it was taken, and whose it is when not one's own. */
export const myDataFileName = (exportedAt: string, who?: string) =>
  `klantwerk-${
    who
      ? `${who
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')}-`
      : 'my-'
  }data-${exportedAt.slice(0, 10)}.json`;
