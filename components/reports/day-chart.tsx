'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export type ChartSeries = { key: string; label: string; color: string };

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * One metric over days, drawn with Recharts and sized to its container (phones included). The chart
 * is hidden from assistive technology; the same numbers follow as a table for screen readers.
 */
export function DayChart({
  title,
  data,
  series,
  kind = 'line',
  unit,
}: {
  title: string;
  data: Record<string, string | number | null>[];
  series: ChartSeries[];
  kind?: 'line' | 'bar';
  unit?: string;
}) {
  const Chart = kind === 'line' ? LineChart : BarChart;
  return (
    <figure className="min-w-0 space-y-2" data-testid={`chart-${title}`}>
      <figcaption className="text-sm font-medium">
        {title}
        {unit ? <span className="text-muted-foreground"> ({unit})</span> : null}
      </figcaption>
      {data.length === 0 ? (
        <p className="flex h-48 items-center justify-center rounded-md border border-dashed text-sm text-muted-foreground">
          No days in this range yet.
        </p>
      ) : (
        <div className="h-48 w-full" aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <Chart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" className="stroke-border" vertical={false} />
              <XAxis
                dataKey="day"
                tickFormatter={(day: string) => day.slice(5)}
                fontSize={11}
                minTickGap={16}
              />
              <YAxis width={44} fontSize={11} tickFormatter={(value: number) => compact.format(value)} />
              <Tooltip
                formatter={(value) =>
                  typeof value === 'number' ? numberFormat.format(value) : String(value)
                }
              />
              {series.map((item) =>
                kind === 'line' ? (
                  <Line
                    key={item.key}
                    type="monotone"
                    dataKey={item.key}
                    name={item.label}
                    stroke={item.color}
                    strokeWidth={2}
                    dot={data.length < 20}
                    isAnimationActive={false}
                  />
                ) : (
                  <Bar
                    key={item.key}
                    dataKey={item.key}
                    name={item.label}
                    fill={item.color}
                    isAnimationActive={false}
                  />
                ),
              )}
            </Chart>
          </ResponsiveContainer>
        </div>
      )}
      <table className="sr-only" data-testid={`table-${title}`}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {series.map((item) => (
              <th key={item.key} scope="col">
                {item.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((point) => (
            <tr key={String(point.day)}>
              <th scope="row">{point.day}</th>
              {series.map((item) => (
                <td key={item.key}>
                  {point[item.key] === null ? '–' : numberFormat.format(Number(point[item.key]))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
