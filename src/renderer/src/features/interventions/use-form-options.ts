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
  const [clientOptions, setClientOptions] = useState<ClientRow[]>([]);
  const [clientSearch, setClientSearch] = useState('');
  const [clientLoaded, setClient] = useState<ClientDetail | null>(null);
  const [series, setSeries] = useState<SeriesOption[]>([]);
  const [assets, setAssets] = useState<{ clientId: string; list: ClientAsset[] } | null>(null);
  const [products, setProducts] = useState<ProductOption[]>([]);
  const [productSearch, setProductSearch] = useState('');

  // Search as you type over the clients (name, fiscal code, phone).
  useEffect(() => {
    const timer = setTimeout(() => {
      api.call('clients.list', { query: clientSearch.trim() || undefined, limit: 30 }).then(setClientOptions, () => setClientOptions([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [api, clientSearch]);

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
    setClientOptions,
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
