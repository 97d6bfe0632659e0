import { describe, expect, it } from 'vitest';
import { allRows, cell, csvFormatOf, findConnection, operationNameOf, pagedQuery, toCSV } from './csv';

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

describe('CSV in the viewer’s format, of every page', () => {
  it('separates with ";" and writes decimals with "," for Russian spreadsheets, quoting what holds a ";"', () => {
    const ru = csvFormatOf('ru');
    const c = findConnection({ shipmentAggregates: [
      { key: { carrier: { name: 'Дорога; Север' }, currency: 'RUB' }, count: 3, price: { sum: '1234.50' } },
      { key: { carrier: null, currency: 'EUR' }, count: 1, price: { sum: '10.00' } },
    ] })!;
    expect(c.connection).toBe(false);
    expect(toCSV(c, ru)).toBe('\uFEFFkey.carrier.name;key.currency;count;price.sum;key.carrier\r\n'
      + '"Дорога; Север";RUB;3;1234,50;\r\n;EUR;1;10,00;\r\n');
    expect(toCSV(c, csvFormatOf('en'))).toContain('Дорога; Север,RUB,3,1234.50,');
  });

  it('reads a connection page after page from the cursor each ends at', async () => {
    const q = 'query Late($n: Int) { shipments(first: $n, after: "x") { totalCount edges { node { reference } } } }';
    const paged = pagedQuery(q, 'Late', 'shipments')!;
    expect(paged).toContain('$csvAfter: Cursor');
    expect(paged).toContain('shipments(first: $n, after: $csvAfter)');
    expect(paged).toMatch(/pageInfo \{\s*hasNextPage\s*endCursor\s*\}/);
    expect(pagedQuery('{ viewer { id } }', undefined, 'shipments')).toBeNull();
    const pages = [['A', 'B'], ['C', 'D'], ['E']];
    const asked: unknown[] = [];
    const fetch = async (_query: string, vars: Record<string, unknown>) => {
      asked.push(vars.csvAfter);
      const i = vars.csvAfter === null ? 0 : Number(vars.csvAfter);
      return { data: { shipments: { totalCount: 5, pageInfo: { hasNextPage: i < 2, endCursor: String(i + 1) },
        edges: pages[i].map((reference) => ({ node: { reference } })) } } };
    };
    const all = await allRows(q, 'Late', { n: 2 }, 'shipments', fetch);
    expect(all!.rows.map((r) => r.reference)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(all!.columns).toEqual(['reference']);
    expect(asked).toEqual([null, '1', '2']);
  });
});

describe('the operation of a saved query', () => {
  it('is its first operation’s name, or empty', () => {
    expect(operationNameOf('query Clients { clients { totalCount } }')).toBe('Clients');
    expect(operationNameOf('{ viewer { id } }')).toBe('');
    expect(operationNameOf('query {')).toBe('');
  });
});
