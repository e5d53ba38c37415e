import { foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { FigureView } from '../../../contracts/constants';
import { members, organizations } from './org.schema';

// The privacy module: who looked at one person's figures, so that the person can read it.

/**
 * One row each time someone saw figures, a filter or an export of one member (only possible while the
 * organisation has member comparison on, with the works council's consent), or an administrator took the
 * file of someone who left. The member reads their own rows; the sweep drops rows older than the
 * organisation's view_log_keep_days.
 */
export const memberFigureViews = pgTable(
  'member_figure_views',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    /** Whose figures were seen. */
    memberId: uuid().notNull(),
    /** Who saw them. */
    viewerId: uuid().notNull(),
    /** What was seen: extras_list, extras_csv, conversation, data_file. */
    view: text().$type<FigureView>().notNull(),
    /** The team the view was of, when it was a team's. */
    teamId: uuid(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.memberId, t.at),
    index('member_figure_views_at_idx').on(t.at),
    foreignKey({ columns: [t.orgId, t.memberId], foreignColumns: [members.orgId, members.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.viewerId], foreignColumns: [members.orgId, members.id] }).onDelete('cascade'),
  ],
);
