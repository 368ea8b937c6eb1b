import type { PrintableCard } from '../../electron/contract/dto';

/** Printable cards, several to an A4 page; each QR image was made on the station. */
export function CardSheet({ cards }: { cards: readonly PrintableCard[] }) {
  return (
    <div className="card-sheet" data-testid="card-sheet">
      {cards.map((card) => (
        <figure key={card.caption} className="printed-card">
          <img src={`data:image/svg+xml;utf8,${encodeURIComponent(card.qrSvg)}`} alt={card.caption} width={180} height={180} />
          <figcaption>
            <strong>{card.label.vi}</strong>
            <span>{card.caption}</span>
          </figcaption>
        </figure>
      ))}
    </div>
  );
}
