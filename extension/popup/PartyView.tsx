import type { CallParty } from '../../shared/phone-state';

/** The other party: name when the worker matched one, the number, and the Odoo record. */
export function PartyView({ party }: { party: CallParty }) {
  const recordName = party.record?.name && party.record.name !== party.name ? party.record.name : null;
  return (
    <div className="party">
      <p className="party-name">{party.name ?? party.display}</p>
      {party.name && <p className="party-number">{party.display}</p>}
      {recordName &&
        (party.record?.url ? (
          <a href={party.record.url} target="_blank" rel="noreferrer">
            {recordName}
          </a>
        ) : (
          <p>{recordName}</p>
        ))}
    </div>
  );
}
