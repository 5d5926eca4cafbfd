import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { DemoHospital, Orderable } from '../../../../server/contract/demo-workstation';
import { useLanguage } from '../../i18n/language';
import { useDemoMessages } from '../i18n/messages';
import { catalogSearch } from './orders';

/** The name the doctor knows the item by here: the hospital's own, else the catalog's. */
export function orderableName(item: Orderable, hospitalId: string, language: string): string {
  const local = item.localCodes[hospitalId]?.name;
  const catalog = language === 'en' ? item.nameEn : item.nameZh;
  return local ? (language === 'en' ? `${local} (${item.nameEn})` : local) : catalog;
}

/** Order entry: search the catalog by name or code, and pick an item to order it (order-select). */
export function OrderEntry({
  hospital,
  disabled,
  onOrder,
  catalog,
}: {
  readonly hospital: DemoHospital;
  readonly disabled: boolean;
  readonly onOrder: (item: Orderable) => void;
  readonly catalog: readonly Orderable[];
}) {
  const messages = useDemoMessages();
  const { language } = useLanguage();
  const [input, setInput] = useState('');
  // The hospital's own (mapped) items first: those are what its doctors order every day.
  const sorted = useMemo(
    () =>
      [...catalog].sort(
        (a, b) => Number(Boolean(b.localCodes[hospital.id])) - Number(Boolean(a.localCodes[hospital.id])),
      ),
    [catalog, hospital.id],
  );
  const search = useMemo(() => catalogSearch(sorted, hospital.id), [sorted, hospital.id]);
  const options = useMemo(() => search(input), [search, input]);
  return (
    <Autocomplete<Orderable>
      options={options}
      value={null}
      inputValue={input}
      disabled={disabled}
      onInputChange={(_event, value, reason) => {
        if (reason !== 'reset') setInput(value);
      }}
      onChange={(_event, item) => {
        if (item) onOrder(item);
        setInput('');
      }}
      // The search is ours (catalogSearch): codes, synonyms and pinyin as well as names.
      filterOptions={(all) => all}
      getOptionLabel={(item) => orderableName(item, hospital.id, language)}
      isOptionEqualToValue={(a, b) => a.code === b.code}
      noOptionsText={messages.orders.noMatch}
      renderOption={({ key, ...props }, item) => {
        const local = item.localCodes[hospital.id];
        return (
          <Box component="li" key={key} {...props} sx={{ display: 'block !important' }}>
            <Typography>{orderableName(item, hospital.id, language)}</Typography>
            <Typography variant="body2" color="text.secondary">
              {[
                messages.orders.kinds[item.kind],
                local ? messages.orders.localCode(local.code) : null,
                messages.orders.regionalCode(item.code),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography>
          </Box>
        );
      }}
      renderInput={(params) => (
        <TextField {...params} label={messages.orders.search} helperText={messages.orders.searchHelp} />
      )}
    />
  );
}
