import { ActionIcon, Button, Group, Input, Stack, TextInput } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

interface TextListFieldProps {
  label: string;
  description?: string;
  /** The label of one line, given its number: "Gedrag 2". */
  itemLabel: (index: number) => string;
  addLabel: string;
  value: string[];
  onChange: (value: string[]) => void;
  min?: number;
  max: number;
  maxLength: number;
  error?: ReactNode;
}

/** A short list of lines (behaviours, conditions): one input per line, add and remove buttons. */
export function TextListField({
  label,
  description,
  itemLabel,
  addLabel,
  value,
  onChange,
  min = 0,
  max,
  maxLength,
  error,
}: TextListFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Input.Wrapper label={label} description={description} labelElement="div" error={error} id={id}>
      <Stack gap={6} mt={6} role="group" aria-labelledby={`${id}-label`}>
        {value.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines are controlled by the parent and have no identity of their own beyond their place
          <Group key={index} gap={6} wrap="nowrap" align="center">
            <TextInput
              aria-label={itemLabel(index + 1)}
              value={line}
              maxLength={maxLength}
              onChange={(event) => onChange(value.map((l, i) => (i === index ? event.currentTarget.value : l)))}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size={42}
              disabled={value.length <= min}
              aria-label={t('common.removeLine', { n: index + 1 })}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
            >
              <span aria-hidden="true" style={{ fontSize: 22, lineHeight: 1 }}>
                ×
              </span>
            </ActionIcon>
          </Group>
        ))}
        {value.length < max && (
          <Group>
            <Button variant="subtle" size="sm" onClick={() => onChange([...value, ''])}>
              + {addLabel}
            </Button>
          </Group>
        )}
      </Stack>
    </Input.Wrapper>
  );
}
