// The first Intl formatter a page makes loads the browser's locale data (ICU): 30–60 ms on a fast
// machine and several times that on a slow phone, in one block that freezes the screen. That data is
// shared by every thread of the page, so this worker makes the formatters the screens use while the
// app's code and answers are still on their way; the main thread then makes its own in well under a
// millisecond. Nothing is sent back: the worker's only job is to have run.
const moment = new Date();
for (const locale of ['nl-NL', 'en-GB']) {
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(1);
  new Intl.NumberFormat(locale).format(1);
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(moment);
  new Intl.PluralRules(locale).select(1);
}
new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  hour: 'numeric',
  minute: 'numeric',
}).formatToParts(moment);
new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(moment);
self.close();
