import sprite from '@hosted-session/demo-checkout/brands.svg?url';

/** A mark from the shop's brand sprite; decorative unless given a label. */
export function Icon({ id, className, label }: { id: string; className?: string; label?: string }) {
  const viewBox = id === 'logo' ? '0 0 32 32' : id === 'lock' ? '0 0 16 16' : '0 0 40 26';
  return (
    <svg
      className={className}
      viewBox={viewBox}
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    >
      <use href={`${sprite}#${id}`} />
    </svg>
  );
}
