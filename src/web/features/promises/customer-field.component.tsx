import { Autocomplete, Badge, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../../contracts/promises.contract';
import { useCustomers } from './promises.api';

export interface CustomerValue {
  customerId: string | null;
  customerName: string;
  contactPerson: string;
  segment: string;
}

interface CustomerFieldProps {
  value: CustomerValue;
  onChange: (changes: Partial<CustomerValue>) => void;
  errors: { customerName?: ReactNode; contactPerson?: ReactNode; segment?: ReactNode };
}

/** Pick a customer the organisation already has, or type the name of a new one (and, if you like, who and which segment). */
export function CustomerField({ value, onChange, errors }: CustomerFieldProps) {
  const { t } = useTranslation();
  const [search] = useDebouncedValue(value.customerName, 300);
  const customers = useCustomers(search);
  const results = customers.data ?? [];
  /** The option just picked: Autocomplete tells the pick first, then the text it puts in the input. */
  const picked = useRef<Customer | null>(null);
  const chosen = value.customerId ? (picked.current ?? results.find((c) => c.id === value.customerId) ?? null) : null;
  const isNew = !value.customerId && value.customerName.trim().length > 0;

  return (
    <Stack gap="xs">
      <Autocomplete
        label={t('promises.form.customer')}
        description={t('promises.form.customerHint')}
        withAsterisk
        maxLength={200}
        autoComplete="off"
        limit={8}
        value={value.customerName}
        error={errors.customerName}
        data={results.map((customer) => ({ value: customer.id, label: customer.name }))}
        filter={({ options }) => options}
        renderOption={({ option }) => <CustomerOption customer={results.find((c) => c.id === option.value)} />}
        onOptionSubmit={(id) => {
          picked.current = results.find((c) => c.id === id) ?? null;
        }}
        onChange={(text) => {
          const match = picked.current && picked.current.name === text ? picked.current : null;
          if (!match) picked.current = null;
          onChange({ customerName: text, customerId: match?.id ?? null });
        }}
      />
      {chosen && (chosen.contactPerson || chosen.segment) && (
        <Text size="sm" c="dimmed">
          {[chosen.contactPerson, chosen.segment].filter(Boolean).join(' · ')}
        </Text>
      )}
      {isNew && (
        <>
          <Group gap="xs">
            <Badge variant="light" color="teal" tt="none">
              {t('promises.form.newCustomer')}
            </Badge>
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label={t('promises.form.contactPerson')}
              maxLength={200}
              autoComplete="off"
              value={value.contactPerson}
              error={errors.contactPerson}
              onChange={(event) => onChange({ contactPerson: event.currentTarget.value })}
            />
            <TextInput
              label={t('promises.form.segment')}
              maxLength={100}
              autoComplete="off"
              value={value.segment}
              error={errors.segment}
              onChange={(event) => onChange({ segment: event.currentTarget.value })}
            />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function CustomerOption({ customer }: { customer: Customer | undefined }) {
  if (!customer) return null;
  const extra = [customer.contactPerson, customer.segment].filter(Boolean).join(' · ');
  return (
    <div>
      <Text size="sm">{customer.name}</Text>
      {extra && (
        <Text size="xs" c="dimmed">
          {extra}
        </Text>
      )}
    </div>
  );
}
