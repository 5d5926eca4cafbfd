import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMemo, useState } from 'react';
import { itemSearch } from '../shared/item-search';
import { useLanguage } from '../i18n/language';
import type { RecognitionItem } from './admin-model';

interface ItemPickerProps {
  readonly items: readonly RecognitionItem[];
  /** Codes already chosen: not offered again. */
  readonly exclude: readonly string[];
  readonly label: string;
  readonly action: string;
  readonly onPick: (item: RecognitionItem) => void;
}

/** Find a catalog item by name or code (the catalog has hundreds), then add it with the button. */
export function ItemPicker({ items, exclude, label, action, onPick }: ItemPickerProps) {
  const { language } = useLanguage();
  const [chosen, setChosen] = useState<RecognitionItem | null>(null);
  const nameOf = (item: RecognitionItem) => `${language === 'en' ? item.nameEn : item.nameZh} (${item.code})`;
  // Keyed by the codes, not the array: a parent's new array of the same codes must not redo the pinyin.
  const excluded = exclude.join('|');
  const available = useMemo(() => items.filter((item) => !exclude.includes(item.code)), [items, excluded]);
  // By name, synonym or abbreviation, code, or their pinyin (xcg → 血常规), not only MUI's substring match.
  const search = useMemo(
    () =>
      itemSearch(available, (item) => ({
        names: [item.nameZh, item.nameEn, ...item.synonyms],
        codes: [item.code, item.loinc],
      })),
    [available],
  );
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Autocomplete
        size="small"
        options={available}
        filterOptions={(_options, state) => search(state.inputValue, 50)}
        value={chosen}
        onChange={(_event, item) => setChosen(item)}
        getOptionLabel={nameOf}
        getOptionKey={(item) => item.code}
        isOptionEqualToValue={(option, value) => option.code === value.code}
        renderInput={(params) => <TextField {...params} label={label} />}
        sx={{ width: 360 }}
      />
      <Button
        variant="outlined"
        disabled={!chosen}
        onClick={() => {
          if (!chosen) return;
          onPick(chosen);
          setChosen(null);
        }}
      >
        {action}
      </Button>
    </Stack>
  );
}
