import { Paper, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFigureFormat } from '../../app/figures-format';

// One measure of a team over the months as bars, with the figure above each bar and a dash for a
// month without one. The SVG carries its figures in its label; the page's table has them too.

const VIEW = { width: 320, height: 150, top: 16, bottom: 20 };
const PLOT = VIEW.height - VIEW.top - VIEW.bottom;

export interface MonthValue {
  month: string;
  value: number | null;
}

export function MonthChart({
  title,
  note,
  values,
  max,
  show,
}: {
  title: string;
  note: string;
  values: MonthValue[];
  max: number;
  show: (value: number | null) => string;
}) {
  const { t } = useTranslation();
  const f = useFigureFormat();
  const titleId = useId();
  const slot = VIEW.width / Math.max(1, values.length);
  const barWidth = Math.min(28, slot * 0.62);
  const base = VIEW.top + PLOT;
  const y = (value: number) => base - (Math.min(Math.max(value, 0), max) / max) * PLOT;
  const fontSize = values.length > 8 ? 9 : 10;
  const description = values.map((v) => `${f.month(v.month)}: ${show(v.value)}`).join(', ');
  return (
    <Paper withBorder radius="md" p="sm" component="figure" m={0} aria-labelledby={titleId}>
      <Title order={3} size="h5" id={titleId}>
        {title}
      </Title>
      <Text size="xs" c="dimmed" mb={6}>
        {note}
      </Text>
      <svg
        viewBox={`0 0 ${VIEW.width} ${VIEW.height}`}
        width="100%"
        role="img"
        aria-label={t('teamFigures.chartLabel', { measure: title, values: description })}
        style={{ display: 'block', height: 'auto' }}
      >
        {[0.5, 1].map((part) => (
          <line
            key={part}
            x1={0}
            x2={VIEW.width}
            y1={y(max * part)}
            y2={y(max * part)}
            stroke="var(--mantine-color-gray-3)"
            strokeDasharray="3 3"
          />
        ))}
        <line x1={0} x2={VIEW.width} y1={base} y2={base} stroke="var(--mantine-color-gray-5)" />
        {values.map((v, i) => {
          const center = slot * i + slot / 2;
          return (
            <g key={v.month}>
              {v.value !== null && (
                <rect
                  x={center - barWidth / 2}
                  y={y(v.value)}
                  width={barWidth}
                  height={Math.max(base - y(v.value), 1)}
                  rx={2}
                  fill="var(--mantine-color-blue-6)"
                />
              )}
              <text
                x={center}
                y={v.value === null ? base - 4 : y(v.value) - 4}
                textAnchor="middle"
                fontSize={fontSize}
                fill="var(--mantine-color-dark-6)"
              >
                {show(v.value)}
              </text>
              <text
                x={center}
                y={VIEW.height - 6}
                textAnchor="middle"
                fontSize={fontSize}
                fill="var(--mantine-color-dimmed)"
              >
                {f.month(v.month, true)}
              </text>
            </g>
          );
        })}
      </svg>
    </Paper>
  );
}
