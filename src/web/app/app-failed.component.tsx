import { useTranslation } from 'react-i18next';
import { LightButton } from '../components/light.component';

/** Plain elements (light.css): this page shows when the app's other code could not be had. */
export function AppFailed({ unreachable = false }: { unreachable?: boolean }) {
  const { t } = useTranslation();
  return (
    <div style={{ minHeight: '100vh', padding: 16, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <div
        style={{
          maxWidth: 420,
          textAlign: 'center',
          display: 'flex',
          flexDirection: 'column',
          gap: 12,
          alignItems: 'center',
        }}
      >
        <h1 className="kw-h1" style={{ margin: 0, fontSize: 'var(--mantine-h3-font-size)' }}>
          {unreachable ? t('app.unreachableTitle') : t('app.failedTitle')}
        </h1>
        <p className="kw-p kw-dimmed">{unreachable ? t('app.unreachableText') : t('app.failedText')}</p>
        <LightButton onClick={() => window.location.reload()}>{t('app.reload')}</LightButton>
      </div>
    </div>
  );
}
