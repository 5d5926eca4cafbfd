import { Loading } from '../shared/Loading';
import { useLanguage } from '../i18n/language';

/** Shown while a console's code arrives (the consoles are loaded apart from the decision screen), so in the app's shared words. */
export function ConsoleLoading() {
  const { messages } = useLanguage();
  return <Loading label={messages.app.loading} />;
}
