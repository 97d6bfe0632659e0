import { describe, expect, it } from 'vitest';
import { cell, findConnection, toCSV } from './csv';

describe('CSV of a connection', () => {
  it('finds the first connection, flattens nested fields and quotes what must be quoted', () => {
    const data = {
      viewer: { name: 'Ирина' },
      node: { tenders: { totalCount: 2, edges: [
        { node: { reference: 'T-1', title: 'Контракт, «Север»', client: { name: 'ООО "Альфа"' }, modes: ['ROAD', 'RAIL'] } },
        { node: { reference: 'T-2', title: '=HYPERLINK("x")', client: null, extra: 1.5 } },
      ] } },
    };
    const c = findConnection(JSON.parse(JSON.stringify(data)))!;
    expect(c.path).toBe('node.tenders');
    expect(c.columns).toEqual(['reference', 'title', 'client.name', 'modes', 'client', 'extra']);
    expect(toCSV(c)).toBe('\uFEFFreference,title,client.name,modes,client,extra\r\n'
      + 'T-1,"Контракт, «Север»","ООО ""Альфа""",ROAD; RAIL,,\r\n'
      + `T-2,"'=HYPERLINK(""x"")",,,,1.5\r\n`);
    expect(findConnection({ viewer: { id: '1' } })).toBeNull();
  });

  it('keeps numbers, including negative ones, as they are', () => {
    expect([cell('-12.5'), cell('-'), cell('+7 495'), cell(' padded')]).toEqual(['-12.5', "'-", "'+7 495", '" padded"']);
  });
});
