/** A tiny bar chart of a short series (e.g. handled per minute), drawn inline; decorative (the number beside it is the figure). */
export function Sparkline({ values }: { values: readonly number[] }) {
  if (values.length === 0) return null;
  const max = Math.max(1, ...values);
  const width = values.length * 3;
  return (
    <svg className="ops-spark" width={width} height={12} viewBox={`0 0 ${width} 12`} aria-hidden="true">
      {values.map((v, i) => {
        const h = v === 0 ? 0 : Math.max(1, Math.round((v / max) * 12));
        return <rect key={i} x={i * 3} y={12 - h} width={2} height={h} />;
      })}
    </svg>
  );
}
