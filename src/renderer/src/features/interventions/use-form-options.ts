import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { ObjectKind } from './form-model';
import type { ClientDetail } from '../../../../shared/api/clients';
import type { ClientAsset, ProductOption } from '../../../../shared/api/catalogue';
import type { SeriesOption } from '../../../../shared/api/numbering';
import type { ClientRow } from '../../../../shared/api/clients';

/**
 * What the form's lists offer, loaded from main as the form changes: the clients searched as the
 * operator types, the chosen client (panel and contact persons) and its assets, the series, the
 * catalogue products.
 */
export function useFormOptions(api: ApiClient, clientId: string | null, objectKind: ObjectKind) {
  // The clients found, with the search they answer: while a newer search is on its way the list is
  // not "nothing found" (Enter would otherwise add a client that the search is about to find).
  const [clientFound, setClientFound] = useState<{ query: string; rows: ClientRow[] } | null>(null);
  const [clientSearch, setClientSearch] = useState('');
  const [clientLoaded, setClient] = useState<ClientDetail | null>(null);
  const [series, setSeries] = useState<SeriesOption[]>([]);
  const [assets, setAssets] = useState<{ clientId: string; list: ClientAsset[] } | null>(null);
  const [products, setProducts] = useState<ProductOption[]>([]);
  const [productSearch, setProductSearch] = useState('');

  // Search as you type over the clients (name, fiscal code, phone).
  // Answers to a search the operator has typed past are dropped.
  useEffect(() => {
    const query = clientSearch.trim();
    let live = true;
    const timer = setTimeout(() => {
      const found = (rows: ClientRow[]) => live && setClientFound({ query, rows });
      api.call('clients.list', { query: query || undefined, limit: 30 }).then(found, () => found([]));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, clientSearch]);
  const clientOptions = clientFound?.rows ?? [];
  const clientSearching = clientFound?.query !== clientSearch.trim();
  /** Puts a client just added on top of the list, so the form can show it chosen. */
  const addClientOption = (row: ClientRow) =>
    setClientFound((found) => {
      const rows = found?.rows ?? [];
      return { query: found?.query ?? clientSearch.trim(), rows: rows.some((x) => x.id === row.id) ? rows : [row, ...rows] };
    });

  // The chosen client: its panel and contact persons, and its assets (for an object that is one of
  // them). Answers that arrive after another client was chosen are dropped.
  useEffect(() => {
    if (!clientId) return;
    let live = true;
    api.call('clients.get', { id: clientId }).then((c) => live && setClient(c), () => live && setClient(null));
    api.call('clients.assets', { clientId }).then((list) => live && setAssets({ clientId, list }), () => live && setAssets({ clientId, list: [] }));
    return () => {
      live = false;
    };
  }, [api, clientId]);

  // The series an operator may validate into: a choice only when there is more than one.
  useEffect(() => {
    api.call('interventions.series', {}).then(setSeries, () => setSeries([]));
  }, [api]);

  // Catalogue products, searched as the operator types (only while the object is a product).
  const wantsProducts = objectKind === 'product';
  useEffect(() => {
    if (!wantsProducts) return;
    const timer = setTimeout(() => {
      api.call('catalogue.products.search', { query: productSearch.trim() || null, limit: 30 }).then(setProducts, () => setProducts([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [api, productSearch, wantsProducts]);

  return {
    clientOptions,
    clientSearching,
    addClientOption,
    clientSearch,
    setClientSearch,
    /** The loaded client, only while it is the one on the form (a late answer for another is ignored). */
    client: clientId && clientLoaded?.client.id === clientId ? clientLoaded : null,
    setClient,
    series,
    /** The assets of the client on the form; empty while they load. */
    clientAssets: assets && assets.clientId === clientId ? assets.list : [],
    products,
    productSearch,
    setProductSearch,
  };
}

export type FormOptions = ReturnType<typeof useFormOptions>;
